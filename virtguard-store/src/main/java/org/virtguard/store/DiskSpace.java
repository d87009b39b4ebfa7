package org.virtguard.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.virtguard.model.ErrorCode;

/**
 * The free space of the filesystem that holds a data directory, and the rule "writes are refused while less
 * than {@code minFreeBytes} remain". The answer is cached for a quarter of a second, so asking before every
 * write costs nothing measurable. The reserve is capped at a tenth of the filesystem, so a small volume is not
 * read-only from the start. Thread-safe.
 */
public final class DiskSpace {

    /** How long one measurement is reused. */
    static final long CACHE_NANOS = 250_000_000L;
    private static final DiskSpace UNLIMITED = new DiskSpace(null, 0, () -> Long.MAX_VALUE, () -> Long.MAX_VALUE);

    private final Path directory;
    private final long minFreeBytes;
    private final LongSupplier usable;
    private final LongSupplier total;
    private final AtomicLong measuredAt = new AtomicLong(System.nanoTime() - 2 * CACHE_NANOS);
    private volatile long lastUsable = Long.MAX_VALUE;
    private final AtomicLong refusedWrites = new AtomicLong();

    private DiskSpace(Path directory, long minFreeBytes, LongSupplier usable, LongSupplier total) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.usable = usable;
        this.total = total;
    }

    /**
     * Watches the filesystem of {@code directory} (which must exist).
     *
     * @param minFreeBytes writes are refused while less than this much is free (at most a tenth of the volume)
     * @throws IOException when the directory's filesystem cannot be read
     */
    public static DiskSpace of(Path directory, long minFreeBytes) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
        }
        FileStore store = Files.getFileStore(directory);
        return new DiskSpace(directory, minFreeBytes, () -> read(store, true), () -> read(store, false));
    }

    /** No limit: for PostgreSQL, whose disk is the database server's, and for tools without a data directory. */
    public static DiskSpace unlimited() {
        return UNLIMITED;
    }

    /** The directory watched, or {@code null} for {@link #unlimited()}. */
    public Path directory() {
        return directory;
    }

    /** Bytes usable now (cached for a quarter of a second); {@link Long#MAX_VALUE} when unknown or unlimited. */
    public long freeBytes() {
        long now = System.nanoTime();
        long at = measuredAt.get();
        if (now - at >= CACHE_NANOS && measuredAt.compareAndSet(at, now)) {
            lastUsable = usable.getAsLong();
        }
        return lastUsable;
    }

    /** Size of the volume in bytes; {@link Long#MAX_VALUE} when unknown or unlimited. */
    public long totalBytes() {
        return total.getAsLong();
    }

    /** The reserve in force: the configured one, at most a tenth of the volume. */
    public long reserveBytes() {
        long volume = totalBytes();
        return volume == Long.MAX_VALUE ? minFreeBytes : Math.min(minFreeBytes, volume / 10);
    }

    /** Whether writes are refused now: less than {@link #reserveBytes()} is free. */
    public boolean full() {
        return this != UNLIMITED && freeBytes() < reserveBytes();
    }

    /** Writes refused because the disk was full, since start. */
    public long refusedWrites() {
        return refusedWrites.get();
    }

    /**
     * Throws {@link ErrorCode#STORE_DISK_FULL} when the disk is full, counting the refusal.
     *
     * @param what the write refused, for the message (e.g. {@code "a store write"})
     */
    public void checkWritable(String what) {
        if (full()) {
            refusedWrites.incrementAndGet();
            throw new StoreException(ErrorCode.STORE_DISK_FULL, what + " refused: only " + mib(freeBytes())
                    + " free on the disk of " + directory + " (reserve " + mib(reserveBytes())
                    + "); writes resume by themselves when space is freed");
        }
    }

    /** Bytes as MiB with one decimal, for messages. */
    public static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static long read(FileStore store, boolean usable) {
        try {
            return usable ? store.getUsableSpace() : store.getTotalSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return directory == null ? "DiskSpace[unlimited]" : "DiskSpace[" + directory + ", reserve "
                + mib(reserveBytes()) + "]";
    }
}
