package org.virtguard.flows.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the kernel's per-socket UDP drop counters from {@code /proc/net/udp} and {@code /proc/net/udp6} (the
 * {@code drops} column, the last of each row). A socket is found by its local port; where {@code /proc/self/fd}
 * is readable only this process's sockets count, so another process's socket on the same port (SO_REUSEPORT, or
 * another address) is never mistaken for ours. Every row is parsed defensively: malformed rows are skipped, and
 * a missing file or an unlisted socket gives an empty result, never 0.
 */
public final class ProcNetUdp {

    /** Columns of a socket row up to and including {@code drops}. */
    private static final int MIN_COLUMNS = 13;
    private static final int INODE_COLUMN = 9;

    private final List<Path> tables;
    private final Path ownFds;

    /** Reads the given tables, restricting to sockets among the descriptors in {@code ownFds} when readable. */
    ProcNetUdp(List<Path> tables, Path ownFds) {
        this.tables = List.copyOf(tables);
        this.ownFds = ownFds;
    }

    /** The system's tables and this process's descriptors. */
    /** The running system's tables. */
    public static ProcNetUdp system() {
        return new ProcNetUdp(List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")), Path.of("/proc/self/fd"));
    }

    /** The kernel's drop count of this process's socket bound to {@code port}, summed over its rows, if listed. */
    public OptionalLong drops(int port) {
        Set<Long> own = ownSocketInodes();
        boolean found = false;
        long sum = 0;
        for (Path table : tables) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            } catch (IOException | SecurityException e) {
                continue;
            }
            for (String line : lines) {
                long drops = rowDrops(line, port, own);
                if (drops >= 0) {
                    found = true;
                    sum += drops;
                }
            }
        }
        return found ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /** The drops of a row for {@code port} owned by one of {@code own} (any owner if empty), or -1. */
    static long rowDrops(String line, int port, Set<Long> own) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length < MIN_COLUMNS || !cols[0].endsWith(":")) {
            return -1;
        }
        int colon = cols[1].lastIndexOf(':');
        if (colon < 0) {
            return -1;
        }
        try {
            if (Integer.parseInt(cols[1].substring(colon + 1), 16) != port) {
                return -1;
            }
            if (!own.isEmpty() && !own.contains(Long.parseLong(cols[INODE_COLUMN]))) {
                return -1;
            }
            long drops = Long.parseLong(cols[cols.length - 1]);
            return drops < 0 ? -1 : drops;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Inodes of this process's sockets ({@code socket:[N]} links), empty if the descriptors cannot be listed. */
    private Set<Long> ownSocketInodes() {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(ownFds)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
                    // the descriptor closed meanwhile, or is not a link: not one of our sockets
                }
            }
        } catch (IOException | SecurityException e) {
            return Set.of();
        }
        return inodes;
    }
}
