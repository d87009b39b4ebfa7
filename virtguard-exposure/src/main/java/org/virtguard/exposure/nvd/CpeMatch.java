package org.virtguard.exposure.nvd;

/**
 * One {@code cpeMatch} entry of a configuration node.
 *
 * @param criteria               the match criteria
 * @param vulnerable             whether matching platforms are vulnerable (false: only a required platform)
 * @param versionStartIncluding  range bounds; {@code null} when absent
 */
public record CpeMatch(Cpe criteria, boolean vulnerable, String versionStartIncluding, String versionStartExcluding,
                       String versionEndIncluding, String versionEndExcluding) {

    /** Whether the entry names a version range rather than one version. */
    public boolean hasRange() {
        return versionStartIncluding != null || versionStartExcluding != null || versionEndIncluding != null
                || versionEndExcluding != null;
    }

    /** The first fixed version, when the range gives one. */
    public String fixedVersion() {
        return versionEndExcluding;
    }

    /** The range for people, e.g. {@code >= 7.0, < 7.2.10}. */
    public String describeRange() {
        StringBuilder s = new StringBuilder();
        append(s, ">= ", versionStartIncluding);
        append(s, "> ", versionStartExcluding);
        append(s, "<= ", versionEndIncluding);
        append(s, "< ", versionEndExcluding);
        return s.isEmpty() ? Cpe.unescape(criteria.version()) : s.toString();
    }

    private static void append(StringBuilder s, String op, String v) {
        if (v != null) {
            s.append(s.isEmpty() ? "" : ", ").append(op).append(v);
        }
    }
}
