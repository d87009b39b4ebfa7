package org.virtguard.exposure.data;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.virtguard.exposure.ExposureDataException;

/**
 * One vulnerability data file as loaded: its name, size and SHA-256, and its content decompressed ({@code .gz})
 * with a bound on the decompressed size, so a decompression bomb stops with an error naming the file.
 */
public final class DataFile {

    /** Largest file accepted as it lies on disk. */
    public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    /** Largest content accepted after decompression. */
    public static final long MAX_CONTENT_BYTES = 1024L * 1024 * 1024;

    private final String name;
    private final Path path;
    private final byte[] inMemory;
    private final long size;
    private final String sha256;

    private DataFile(String name, Path path, byte[] inMemory, long size, String sha256) {
        this.name = name;
        this.path = path;
        this.inMemory = inMemory;
        this.size = size;
        this.sha256 = sha256;
    }

    /** A file on disk; reads it once to hash it. */
    public static DataFile of(Path path) {
        String name = String.valueOf(path.getFileName());
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new ExposureDataException(name + ": " + size + " bytes, larger than the " + MAX_FILE_BYTES
                        + " bytes a data file may be");
            }
            MessageDigest digest = newDigest();
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            return new DataFile(name, path, null, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new ExposureDataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Content held in memory (a stored data set's payload, or a test's input). */
    public static DataFile ofBytes(String name, byte[] content) {
        return new DataFile(name, null, content, content.length, HexFormat.of().formatHex(newDigest().digest(content)));
    }

    public String name() {
        return name;
    }

    /** The file on disk, or {@code null} for content held in memory. */
    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    /** Whether the name ends with one of the suffixes, ignoring case and a trailing {@code .gz}. */
    public boolean nameEndsWith(String... suffixes) {
        String n = plainName();
        for (String s : suffixes) {
            if (n.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /** The lower-case name without a trailing {@code .gz}. */
    public String plainName() {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    }

    /** The content, decompressed when the name ends in {@code .gz}, failing past {@link #MAX_CONTENT_BYTES}. */
    public InputStream open() throws IOException {
        InputStream raw = path != null ? Files.newInputStream(path) : new ByteArrayInputStream(inMemory);
        InputStream content = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw;
        return new Bounded(content, MAX_CONTENT_BYTES, name);
    }

    /** The whole content, failing past {@code limit} bytes with an error naming the file. */
    public byte[] readAll(long limit) {
        try (InputStream in = open()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            if (data.length > limit) {
                throw new ExposureDataException(name + ": larger than the " + limit + " bytes this kind of file may be");
            }
            return data;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new ExposureDataException(name + ": truncated or corrupt gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExposureDataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The first {@code n} content bytes (fewer for a shorter file), for detecting the kind. */
    public byte[] head(int n) {
        try (InputStream in = open()) {
            return in.readNBytes(n);
        } catch (IOException | ExposureDataException e) {
            return new byte[0];
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String name;
        private long read;

        Bounded(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new ExposureDataException(name + ": more than " + limit + " bytes after decompression");
            }
        }
    }
}
