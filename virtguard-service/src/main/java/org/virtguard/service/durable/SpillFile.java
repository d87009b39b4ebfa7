package org.virtguard.service.durable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An append-only file of JSON lines ({@code pending.jsonl}) read from the front, with the read position kept in
 * {@code pending.offset}, so what was not yet written to the store survives a restart. Appends are fsync'd per
 * batch; the file is emptied whenever everything in it was read. A torn last line (crash while appending) is cut
 * off on open. Delivery is at least once: after a crash the last item read may be read again. Thread-safe.
 */
final class SpillFile implements AutoCloseable {

    private static final String DATA = "pending.jsonl";
    private static final String OFFSET = "pending.offset";
    private static final int CHUNK = 64 * 1024;

    private final Path dir;
    private final int maxLineBytes;
    private final FileChannel data;
    private final FileChannel offsetFile;
    private long offset;
    private long count;
    private String head;
    private long headEnd;
    private long skipped;

    SpillFile(Path dir, int maxLineBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxLineBytes = maxLineBytes;
        this.data = FileChannel.open(dir.resolve(DATA), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.offsetFile = FileChannel.open(dir.resolve(OFFSET), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.offset = readOffset();
        cutTornTail();
        this.count = countLines();
    }

    /** Lines not yet read past. */
    synchronized long size() {
        return count;
    }

    /** Lines that were unreadable (too long) and skipped since open. */
    synchronized long skipped() {
        return skipped;
    }

    /** Appends lines (without newlines) and forces them to disk. */
    synchronized void append(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(out.toByteArray());
        long at = data.size();
        while (buffer.hasRemaining()) {
            at += data.write(buffer, at);
        }
        data.force(false);
        count += lines.size();
    }

    /** The first unread line, if any. */
    synchronized Optional<String> peek() throws IOException {
        while (head == null && count > 0) {
            readHead();
        }
        return Optional.ofNullable(head);
    }

    /** Moves past the line {@link #peek()} returned; empties the file when nothing is left. */
    synchronized void advance() throws IOException {
        if (head == null) {
            return;
        }
        head = null;
        offset = headEnd;
        count--;
        if (count == 0) {
            data.truncate(0);
            data.force(false);
            offset = 0;
        }
        writeOffset();
    }

    /** Puts lines before the unread ones (used when closing with an item that was taken from memory). */
    synchronized void prepend(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        Path temp = dir.resolve(DATA + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder();
            lines.forEach(l -> text.append(l).append('\n'));
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            data.transferTo(offset, data.size() - offset, out);
            out.force(false);
        }
        // the channel still points at the old file; copy the new content back through it
        try (FileChannel in = FileChannel.open(temp, StandardOpenOption.READ)) {
            data.truncate(0);
            long size = in.size();
            long done = 0;
            while (done < size) {
                done += in.transferTo(done, size - done, data.position(done));
            }
            data.force(false);
        }
        Files.deleteIfExists(temp);
        offset = 0;
        head = null;
        count += lines.size();
        writeOffset();
    }

    private void readHead() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long at = offset;
        boolean tooLong = false;
        while (true) {
            buffer.clear();
            int n = data.read(buffer, at);
            if (n <= 0) {
                count = 0; // nothing complete is left
                return;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer.get(i);
                if (b == '\n') {
                    headEnd = at + i + 1;
                    if (tooLong) {
                        skipped++;
                        offset = headEnd;
                        count--;
                        writeOffset();
                        return;
                    }
                    head = line.toString(StandardCharsets.UTF_8);
                    return;
                }
                if (line.size() < maxLineBytes) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            at += n;
        }
    }

    private long readOffset() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        if (offsetFile.read(buffer, 0) == Long.BYTES) {
            long stored = buffer.flip().getLong();
            return stored >= 0 && stored <= data.size() ? stored : 0;
        }
        return 0;
    }

    private void writeOffset() throws IOException {
        offsetFile.write(ByteBuffer.allocate(Long.BYTES).putLong(0, offset), 0);
    }

    private void cutTornTail() throws IOException {
        long size = data.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > offset) {
            one.clear();
            data.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            data.truncate(end);
            data.force(false);
        }
    }

    private long countLines() throws IOException {
        long lines = 0;
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long at = offset;
        int n;
        while ((n = data.read(buffer.clear(), at)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    lines++;
                }
            }
            at += n;
        }
        return lines;
    }

    /** Forces the read position to disk and closes the files. */
    @Override
    public synchronized void close() throws IOException {
        try {
            offsetFile.force(false);
        } finally {
            offsetFile.close();
            data.close();
        }
    }

    /** Lines of a list, for tests and diagnostics. */
    static List<String> lines(List<PendingWrite> writes) {
        List<String> lines = new ArrayList<>(writes.size());
        writes.forEach(w -> lines.add(w.toLine()));
        return lines;
    }
}
