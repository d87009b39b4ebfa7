package org.virtguard.exposure;

import java.util.ArrayList;
import java.util.List;

/**
 * A dotted version such as {@code 8.0.3} or {@code 2.3.0-rc1}, compared numerically part by part;
 * a suffix after the numbers ({@code -rc1}, {@code ~deb12u1}) sorts before the plain release.
 */
public record VersionNumber(List<Long> parts, String suffix) implements Comparable<VersionNumber> {

    public static VersionNumber parse(String text) {
        String t = text == null ? "" : text.trim();
        List<Long> parts = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 18) {
                i++;
            }
            if (i == start) {
                break;
            }
            parts.add(Long.parseLong(t.substring(start, i)));
            if (i < t.length() && t.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("not a version number: '" + text + "'");
        }
        return new VersionNumber(List.copyOf(parts), t.substring(i));
    }

    /** Whether this version starts with all parts of {@code line} ({@code 8.0.3} is in line {@code 8.0}). */
    public boolean inLine(VersionNumber line) {
        if (line.parts.size() > parts.size()) {
            return false;
        }
        return parts.subList(0, line.parts.size()).equals(line.parts);
    }

    @Override
    public int compareTo(VersionNumber other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            long a = i < parts.size() ? parts.get(i) : 0;
            long b = i < other.parts.size() ? other.parts.get(i) : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        if (suffix.isEmpty() != other.suffix.isEmpty()) {
            return suffix.isEmpty() ? 1 : -1;
        }
        return suffix.compareTo(other.suffix);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            s.append(i == 0 ? "" : ".").append(parts.get(i));
        }
        return s.append(suffix).toString();
    }
}
