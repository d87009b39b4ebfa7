package org.virtguard.connector.tck;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real size-limited filesystem for disk-full tests: a tmpfs of a few MiB mounted on a fresh directory (needs
 * root, as the tests run in CI). Without root the test is skipped with a loud message, or fails when
 * {@code VIRTGUARD_REQUIRE_SERVICES=1}. Closing unmounts it.
 */
public final class SmallTmpfs implements AutoCloseable {

    private final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code mib} MiB on a new directory under {@code parent}. */
    public static SmallTmpfs mount(Path parent, int mib) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "tmpfs");
        int code = run("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0700", "tmpfs", dir.toString());
        if (code != 0) {
            String message = "disk-full test SKIPPED: cannot mount a " + mib + " MiB tmpfs (needs root; mount exit "
                    + code + ")";
            if ("1".equals(System.getenv("VIRTGUARD_REQUIRE_SERVICES"))) {
                throw new AssertionError(message.replace("SKIPPED", "FAILED") + " but VIRTGUARD_REQUIRE_SERVICES=1");
            }
            System.err.println("*** " + message);
            Assumptions.abort(message);
        }
        return new SmallTmpfs(dir);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes {@code name} with zeros until the filesystem refuses more ("no space left on device") and returns
     * its size: the disk is then full to the last block.
     */
    public long fill(String name) throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left")) {
                throw e;
            }
        }
        byte[] small = new byte[512];
        try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".tail"))) {
            while (true) {
                out.write(small);
                out.flush();
                written += small.length;
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left")) {
                throw e;
            }
        }
        return written;
    }

    /** Removes what {@link #fill} wrote. */
    public void free(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
        Files.deleteIfExists(dir.resolve(name + ".tail"));
    }

    /** Free bytes now. */
    public long usable() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (run("umount", "-l", dir.toString()) == 0) {
            Files.deleteIfExists(dir);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
