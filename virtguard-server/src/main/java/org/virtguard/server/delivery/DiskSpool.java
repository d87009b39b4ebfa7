package org.virtguard.server.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A bounded on-disk queue of messages awaiting delivery: one file per message, named so that directory order
 * is arrival order, written atomically (temporary file, then rename). A message is removed only after it was
 * delivered, so a crash or an outage of the receiver loses nothing. When the spool holds {@code maxMessages},
 * new messages are refused and counted, never silently overwritten.
 */
public final class DiskSpool {

    /** Largest message accepted. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final Path dir;
    private final int maxMessages;
    private final AtomicLong sequence;
    private final AtomicLong refused = new AtomicLong();

    public DiskSpool(Path dir, int maxMessages) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxMessages = maxMessages;
        this.sequence = new AtomicLong(Math.max(System.currentTimeMillis() * 1000, lastSequence() + 1));
    }

    /**
     * Adds a message.
     *
     * @return whether it was spooled; {@code false} when the spool is full or the message too large
     */
    public synchronized boolean offer(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES || size() >= maxMessages) {
            refused.incrementAndGet();
            return false;
        }
        String name = String.format("%020d.msg", sequence.getAndIncrement());
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(name));
        }
        return true;
    }

    /** The oldest pending message, if any. */
    public synchronized Optional<Pending> peek() throws IOException {
        List<Path> files = pending();
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Path file = files.get(0);
        return Optional.of(new Pending(file, Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Removes a delivered message. */
    public synchronized void remove(Pending message) throws IOException {
        Files.deleteIfExists(message.file());
    }

    /**
     * Drops the messages spooled before {@code cutoff} (by file time) that were never delivered: retention for a
     * target that has refused them for that long.
     *
     * @return how many were dropped
     */
    public synchronized int dropOlderThan(java.time.Instant cutoff) throws IOException {
        int dropped = 0;
        for (Path file : pending()) {
            if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                dropped++;
            }
        }
        return dropped;
    }

    public synchronized int size() throws IOException {
        return pending().size();
    }

    /** Messages refused because the spool was full or they were too large. */
    public long refused() {
        return refused.get();
    }

    private List<Path> pending() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".msg")).sorted().toList();
        }
    }

    private long lastSequence() throws IOException {
        List<Path> files = pending();
        if (files.isEmpty()) {
            return 0;
        }
        String name = files.get(files.size() - 1).getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.indexOf('.')));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A message read from the spool.
     *
     * @param file where it is stored
     * @param body its text
     */
    public record Pending(Path file, String body) {
    }
}
