package org.virtguard.server.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The append-only file of audit checkpoints, one JSON line each. Every append is forced to the disk before it
 * returns. When the file reaches {@link #MAX_BYTES} it is renamed to {@code <name>.1} (replacing the one before) and
 * a new one is started, so the pair stays bounded: every checkpoint covers the whole log before it, so dropping old
 * ones only makes a rollback's position less precise, never hides it.
 */
public final class CheckpointFile {

    /** Size at which the file is rotated. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Path file;
    private final Path previous;
    private final long maxBytes;

    /** The checkpoint file at {@code file}; its directory is created on the first append. */
    public CheckpointFile(Path file) {
        this(file, MAX_BYTES);
    }

    CheckpointFile(Path file, long maxBytes) {
        this.file = file.toAbsolutePath().normalize();
        this.previous = this.file.resolveSibling(this.file.getFileName() + ".1");
        this.maxBytes = maxBytes;
    }

    public Path path() {
        return file;
    }

    /** Appends {@code checkpoint} and forces it to the disk. */
    public synchronized void append(AuditCheckpoint checkpoint) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.exists(file) && Files.size(file) >= maxBytes) {
            Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        byte[] line = (checkpoint.line() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), privateFile())) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Every line of the rotated file and then of the current one, oldest first, each at most a bounded length. */
    public synchronized List<Line> lines() throws IOException {
        List<Line> lines = new ArrayList<>();
        read(previous, lines);
        read(file, lines);
        return lines;
    }

    private void read(Path path, List<Line> into) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
             Reader reader = Channels.newReader(channel, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPLACE)
                     .onUnmappableCharacter(CodingErrorAction.REPLACE), -1);
             BufferedReader in = new BufferedReader(reader)) {
            long budget = maxBytes * 2;
            int number = 0;
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && budget-- > 0) {
                if (c == '\n') {
                    into.add(new Line(path, ++number, line.toString()));
                    line.setLength(0);
                } else if (line.length() <= AuditCheckpoint.MAX_LINE) {
                    line.append((char) c);
                }
            }
            if (!line.isEmpty()) {
                into.add(new Line(path, ++number, line.toString()));
            }
        } catch (NoSuchFileException e) {
            // nothing written yet (or never rotated)
        }
    }

    private static FileAttribute<?>[] privateFile() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    /**
     * One line of a checkpoint file.
     *
     * @param file   the file it is in
     * @param number its line number, from 1
     * @param text   the line without its line break (cut after {@link AuditCheckpoint#MAX_LINE} characters)
     */
    public record Line(Path file, int number, String text) {
    }
}
