package org.virtguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** A working copy of the bundled test-driver lab ({@code lab/libvirt}) that a test may change. */
public final class LabCopy {

    private static String libvirtProblem;
    private static boolean probed;

    private LabCopy() {
    }

    static Path into(Path target) throws IOException {
        Path lab = TestEnvironment.requireLab();
        try (Stream<Path> files = Files.walk(lab)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(lab.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** Skips (or, with VIRTGUARD_REQUIRE_SERVICES=1, fails) unless libvirt's test driver answers through the SPI. */
    public static synchronized void requireLibvirt() {
        if (!probed) {
            probed = true;
            try (InventoryConnector probe = ConnectorRegistry.fromClassPath()
                    .open(new ConfiguredSource(SourceSpec.of("test:///default"), Credentials.none()))) {
                probe.collect();
            } catch (ConnectorException | UnsatisfiedLinkError e) {
                libvirtProblem = e.getMessage();
            }
        }
        TestEnvironment.require(libvirtProblem == null,
                "libvirt's test driver (Debian package libvirt0; test:///default failed: " + libvirtProblem + ")");
    }
}
