package org.virtguard.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the embedded store private to the user running VirtGuard: the database holds password hashes, tokens'
 * digests and the audit log, so its directory is {@code rwx------} and its files {@code rw-------} (on file systems
 * with POSIX permissions; elsewhere nothing changes).
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final java.util.List<String> H2_FILE = java.util.List.of(StoreConfig.EMBEDDED_PREFIX, "jdbc:h2:file:");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} if needed and makes it (not its parents) private to this user. A directory that already
     * existed is tightened only when this user owns it and it is not a shared one (sticky, like {@code /tmp}).
     */
    public static void directory(Path dir) throws IOException {
        boolean existed = Files.isDirectory(dir);
        Files.createDirectories(dir);
        if (posix() && (!existed || ownedAndNotShared(dir))) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    private static boolean ownedAndNotShared(Path dir) throws IOException {
        if (!Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode");
            return (mode & 01000) == 0;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Makes the regular files directly in {@code dir} private to this user. */
    public static void filesIn(Path dir) throws IOException {
        if (!posix() || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(f, FILE);
            }
        }
    }

    /** The directory of an embedded H2 store, or empty for another database. */
    static Optional<Path> embeddedDirectory(StoreConfig config) {
        String url = config.jdbcUrl();
        Optional<String> prefix = H2_FILE.stream().filter(url::startsWith).findFirst();
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String base = url.substring(prefix.get().length());
        int options = base.indexOf(';');
        Path file = Path.of(options < 0 ? base : base.substring(0, options));
        return Optional.ofNullable(file.toAbsolutePath().getParent());
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
