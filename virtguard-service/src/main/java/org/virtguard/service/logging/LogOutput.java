package org.virtguard.service.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Where finished lines go: standard error, or a file rotated by size. Never throws. */
interface LogOutput extends AutoCloseable {

    /** Writes one line (and its end-of-line). */
    void write(String line);

    @Override
    void close();

    /** Standard error, as it is at the time of each write. */
    static LogOutput standardError() {
        return new LogOutput() {
            @Override
            public void write(String line) {
                PrintStream err = System.err;
                err.println(line);
            }

            @Override
            public void close() {
                System.err.flush();
            }
        };
    }

    /**
     * A file created private (0600) and rotated when it reaches {@code maxBytes}: {@code file} becomes
     * {@code file.1}, {@code file.1} becomes {@code file.2}, and so on up to {@code maxFiles}. A line that cannot be
     * written (e.g. on a full disk) is dropped and counted; the next line tries again.
     */
    static LogOutput rotatingFile(Path file, long maxBytes, int maxFiles) {
        return new RotatingFile(file, maxBytes, maxFiles);
    }

    /** See {@link LogOutput#rotatingFile}. */
    final class RotatingFile implements LogOutput {
        private final Path file;
        private final long maxBytes;
        private final int maxFiles;
        private OutputStream out;
        private long size;
        private long dropped;

        RotatingFile(Path file, long maxBytes, int maxFiles) {
            this.file = file.toAbsolutePath();
            this.maxBytes = maxBytes;
            this.maxFiles = maxFiles;
        }

        @Override
        public synchronized void write(String line) {
            byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            try {
                if (out == null) {
                    open();
                }
                if (size > 0 && size + bytes.length > maxBytes) {
                    rotate();
                }
                if (dropped > 0) {
                    byte[] note = ("(" + dropped + " log lines could not be written to " + file + ")"
                            + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
                    out.write(note);
                    size += note.length;
                    dropped = 0;
                }
                out.write(bytes);
                out.flush();
                size += bytes.length;
            } catch (IOException | RuntimeException e) {
                dropped++;
                closeQuietly();
            }
        }

        private void open() throws IOException {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
            }
            out = Files.newOutputStream(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            size = Files.size(file);
        }

        private void rotate() throws IOException {
            closeQuietly();
            if (maxFiles <= 0) {
                Files.deleteIfExists(file);
            } else {
                Files.deleteIfExists(numbered(maxFiles));
                for (int i = maxFiles - 1; i >= 1; i--) {
                    if (Files.exists(numbered(i))) {
                        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
            }
            open();
        }

        private Path numbered(int n) {
            return file.resolveSibling(file.getFileName() + "." + n);
        }

        private void closeQuietly() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the next write opens the file again
                }
                out = null;
            }
        }

        @Override
        public synchronized void close() {
            closeQuietly();
        }
    }
}
