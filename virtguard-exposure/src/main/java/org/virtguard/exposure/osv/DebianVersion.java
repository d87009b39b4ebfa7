package org.virtguard.exposure.osv;

import java.util.Objects;

/**
 * A Debian package version ({@code [epoch:]upstream[-revision]}) ordered as dpkg orders it: epochs numerically,
 * then upstream and revision compared in alternating runs of non-digits (letters before other characters,
 * {@code ~} before everything, even the end) and digits (numerically). {@code 1:7.2+dfsg-7+deb12u6} is newer than
 * {@code 7.2+dfsg-7+deb12u6} (epoch), {@code 2.0~rc1} is older than {@code 2.0}.
 *
 * @param epoch    the epoch, 0 when absent
 * @param upstream the upstream part
 * @param revision the Debian revision, empty when absent
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    /** Longest version accepted; dpkg has no limit, real versions stay far below it. */
    public static final int MAX_LENGTH = 256;

    public DebianVersion {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * Parses a version.
     *
     * @throws IllegalArgumentException naming the problem when the text is not a Debian version
     */
    public static DebianVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no version");
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a Debian version has 1 to " + MAX_LENGTH + " characters");
        }
        long epoch = 0;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            String e = t.substring(0, colon);
            if (!e.matches("\\d{1,9}")) {
                throw new IllegalArgumentException("epoch '" + e + "' is not a number");
            }
            epoch = Long.parseLong(e);
            t = t.substring(colon + 1);
        }
        String upstream = t;
        String revision = "";
        int dash = t.lastIndexOf('-');
        if (dash >= 0) {
            upstream = t.substring(0, dash);
            revision = t.substring(dash + 1);
            if (revision.isEmpty() || !revision.matches("[A-Za-z0-9.+~]+")) {
                throw new IllegalArgumentException("revision '" + revision + "' has characters dpkg does not allow");
            }
        }
        if (upstream.isEmpty() || !Character.isDigit(upstream.charAt(0))) {
            throw new IllegalArgumentException("upstream version '" + upstream + "' must start with a digit");
        }
        if (!upstream.matches("[A-Za-z0-9.+~:-]+")) {
            throw new IllegalArgumentException("upstream version '" + upstream + "' has characters dpkg does not allow");
        }
        return new DebianVersion(epoch, upstream, revision);
    }

    @Override
    public int compareTo(DebianVersion other) {
        if (epoch != other.epoch) {
            return Long.compare(epoch, other.epoch);
        }
        int c = compareParts(upstream, other.upstream);
        return c != 0 ? c : compareParts(revision, other.revision);
    }

    /** dpkg's {@code verrevcmp}. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i))
                    && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    private static int order(String s, int index) {
        if (index >= s.length()) {
            return 0;
        }
        char c = s.charAt(index);
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c) && c < 128) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    @Override
    public String toString() {
        return (epoch == 0 ? "" : epoch + ":") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }
}
