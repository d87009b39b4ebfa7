package org.virtguard.cli.demo;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.virtguard.model.ErrorCode;

/** Finds the bundled libvirt test-driver lab ({@code lab/libvirt/*.xml}, one node file per simulated host). */
public final class DemoLab {

    static final String LAB_DIR = "lab/libvirt";

    private DemoLab() {
    }

    /** The lab directory under {@code virtguard.home} (set by the launcher) or the working directory. */
    public static Path locate() {
        String home = System.getProperty("virtguard.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        Path lab = base.resolve(LAB_DIR);
        if (!Files.isDirectory(lab)) {
            throw new CliException(ErrorCode.NOT_FOUND, "demo lab not found at " + lab
                    + " (run ./virtguard from the repository root)");
        }
        return lab.toAbsolutePath().normalize();
    }

    /** The node files of the lab, sorted by name. */
    public static List<Path> hostFiles(Path lab) {
        try (Stream<Path> files = Files.list(lab)) {
            List<Path> hosts = files.filter(f -> f.getFileName().toString().endsWith(".xml"))
                    .filter(DemoLab::isNodeFile).sorted().toList();
            if (hosts.isEmpty()) {
                throw new CliException(ErrorCode.NOT_FOUND, "no libvirt test-driver node files in " + lab);
            }
            return hosts;
        } catch (IOException e) {
            throw new CliException(ErrorCode.NOT_FOUND, "cannot read demo lab " + lab + ": " + e.getMessage());
        }
    }

    private static boolean isNodeFile(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.limit(20).anyMatch(l -> l.stripLeading().startsWith("<node"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The test-driver URI of a node file. */
    public static String uriOf(Path nodeFile) {
        return "test://" + nodeFile.toAbsolutePath().normalize();
    }
}
