package org.virtguard.server.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * A sequence number kept in a file: the last item a forwarder has spooled. Written atomically (temporary file,
 * then rename) so a crash leaves the old or the new value, never a torn one.
 */
final class SeqCursor {

    private final Path file;

    SeqCursor(Path file) {
        this.file = file;
    }

    /** The stored value; 0 (start over) when there is none or it cannot be read, which {@code log} is told. */
    long read(Consumer<String> log) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            log.accept("cannot read delivery cursor " + file + " (" + e.getMessage() + "); resending from the start");
            return 0;
        }
    }

    void write(long value) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(value), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
