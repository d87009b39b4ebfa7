package org.virtguard.exposure.nvd;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates NVD configurations (nodes with AND/OR, {@code negate}, {@code cpeMatch} with version ranges) against
 * the CPEs of what a host runs. A platform requirement the host's data cannot answer (another product it may or
 * may not run, an update qualifier without a build table) makes the result UNDETERMINED, never NO_MATCH.
 */
public final class ConfigurationMatcher {

    private ConfigurationMatcher() {
    }

    /** Matches {@code record} against {@code platforms}. */
    public static MatchOutcome match(CveRecord record, List<PlatformCpe> platforms) {
        Set<String> keys = platforms.stream().map(PlatformCpe::key).collect(Collectors.toSet());
        List<CpeMatch> matched = new ArrayList<>();
        String reason = null;
        boolean undetermined = false;
        for (Configuration c : record.configurations()) {
            List<CpeMatch> local = new ArrayList<>();
            Eval e = configuration(c, platforms, keys, local);
            if (e.verdict == MatchOutcome.Verdict.MATCH && !local.isEmpty()) {
                matched.addAll(local);
            } else if (e.verdict == MatchOutcome.Verdict.UNDETERMINED && (!local.isEmpty() || mentions(c, keys))) {
                undetermined = true;
                reason = reason == null ? e.reason : reason;
                matched.addAll(local);
            }
        }
        if (!matched.isEmpty() && !undetermined) {
            return new MatchOutcome(MatchOutcome.Verdict.MATCH, matched, null);
        }
        if (undetermined) {
            return new MatchOutcome(MatchOutcome.Verdict.UNDETERMINED, matched, reason);
        }
        return MatchOutcome.NO;
    }

    private record Eval(MatchOutcome.Verdict verdict, String reason) {
    }

    private static Eval configuration(Configuration c, List<PlatformCpe> platforms, Set<String> keys,
                                      List<CpeMatch> matched) {
        List<Eval> parts = new ArrayList<>();
        for (ConfigNode node : c.nodes()) {
            parts.add(node(node, platforms, keys, matched));
        }
        return negate(combine(c.operator(), parts), c.negate());
    }

    private static Eval node(ConfigNode node, List<PlatformCpe> platforms, Set<String> keys, List<CpeMatch> matched) {
        List<Eval> parts = new ArrayList<>();
        for (CpeMatch m : node.matches()) {
            Eval e = entry(m, platforms, keys);
            if (e.verdict == MatchOutcome.Verdict.MATCH && m.vulnerable() && !node.negate()) {
                matched.add(m);
            }
            parts.add(e);
        }
        return negate(combine(node.operator(), parts), node.negate());
    }

    private static Eval entry(CpeMatch m, List<PlatformCpe> platforms, Set<String> keys) {
        Eval best = new Eval(MatchOutcome.Verdict.NO_MATCH, null);
        for (PlatformCpe p : platforms) {
            Eval e = entry(m, p);
            if (e.verdict == MatchOutcome.Verdict.MATCH) {
                return e;
            }
            if (e.verdict == MatchOutcome.Verdict.UNDETERMINED) {
                best = e;
            }
        }
        if (best.verdict == MatchOutcome.Verdict.NO_MATCH && !m.vulnerable()
                && !keys.contains(m.criteria().key())) {
            return new Eval(MatchOutcome.Verdict.UNDETERMINED, "the CVE applies only when running on "
                    + Cpe.unescape(m.criteria().key()) + ", which VirtGuard does not know for this host");
        }
        return best;
    }

    /** Whether one entry matches one platform. */
    static Eval entry(CpeMatch m, PlatformCpe p) {
        Cpe c = m.criteria();
        if (!Cpe.componentMatches(c.part(), p.part()) || !Cpe.componentMatches(c.vendor(), p.vendor())
                || !Cpe.componentMatches(c.product(), p.product())) {
            return new Eval(MatchOutcome.Verdict.NO_MATCH, null);
        }
        if (p.version() == null) {
            return new Eval(MatchOutcome.Verdict.UNDETERMINED, "the running version was not collected");
        }
        String criteriaVersion = c.version();
        if (m.hasRange()) {
            if (!criteriaVersion.equals(Cpe.ANY) && !criteriaVersion.equals(Cpe.NA)
                    && NvdVersion.compare(Cpe.unescape(criteriaVersion), p.version()) != 0) {
                return new Eval(MatchOutcome.Verdict.NO_MATCH, null);
            }
            if (!inRange(m, p.version())) {
                return new Eval(MatchOutcome.Verdict.NO_MATCH, null);
            }
        } else if (criteriaVersion.equals(Cpe.NA)) {
            if (!p.naMeansBase()) {
                return new Eval(MatchOutcome.Verdict.NO_MATCH, null);
            }
        } else if (!criteriaVersion.equals(Cpe.ANY)) {
            boolean pattern = criteriaVersion.matches(".*(?<!\\\\)[*?].*");
            boolean equal = pattern ? Cpe.componentMatches(criteriaVersion, p.version())
                    : NvdVersion.compare(Cpe.unescape(criteriaVersion), p.version()) == 0;
            if (!equal) {
                return new Eval(MatchOutcome.Verdict.NO_MATCH, null);
            }
        }
        if (!p.ignoreUpdate() && !c.update().equals(Cpe.ANY) && !c.update().equals(Cpe.NA)) {
            return new Eval(MatchOutcome.Verdict.UNDETERMINED, "NVD names update " + Cpe.unescape(c.update())
                    + " of " + Cpe.unescape(c.product()) + " " + p.version() + ", and the host's update level is unknown");
        }
        return new Eval(MatchOutcome.Verdict.MATCH, null);
    }

    /** Whether {@code version} lies in the entry's range. */
    public static boolean inRange(CpeMatch m, String version) {
        if (m.versionStartIncluding() != null && NvdVersion.compare(version, m.versionStartIncluding()) < 0) {
            return false;
        }
        if (m.versionStartExcluding() != null && NvdVersion.compare(version, m.versionStartExcluding()) <= 0) {
            return false;
        }
        if (m.versionEndIncluding() != null && NvdVersion.compare(version, m.versionEndIncluding()) > 0) {
            return false;
        }
        return m.versionEndExcluding() == null || NvdVersion.compare(version, m.versionEndExcluding()) < 0;
    }

    private static boolean mentions(Configuration c, Set<String> keys) {
        return c.nodes().stream().flatMap(n -> n.matches().stream())
                .anyMatch(m -> m.vulnerable() && keys.contains(m.criteria().key()));
    }

    private static Eval combine(ConfigNode.Operator op, List<Eval> parts) {
        boolean unknown = false;
        String reason = null;
        for (Eval e : parts) {
            if (op == ConfigNode.Operator.OR && e.verdict == MatchOutcome.Verdict.MATCH) {
                return e;
            }
            if (op == ConfigNode.Operator.AND && e.verdict == MatchOutcome.Verdict.NO_MATCH) {
                return e;
            }
            if (e.verdict == MatchOutcome.Verdict.UNDETERMINED) {
                unknown = true;
                reason = reason == null ? e.reason : reason;
            }
        }
        if (unknown) {
            return new Eval(MatchOutcome.Verdict.UNDETERMINED, reason);
        }
        return new Eval(op == ConfigNode.Operator.OR || parts.isEmpty() ? MatchOutcome.Verdict.NO_MATCH
                : MatchOutcome.Verdict.MATCH, null);
    }

    private static Eval negate(Eval e, boolean negate) {
        if (!negate || e.verdict == MatchOutcome.Verdict.UNDETERMINED) {
            return e;
        }
        return new Eval(e.verdict == MatchOutcome.Verdict.MATCH ? MatchOutcome.Verdict.NO_MATCH
                : MatchOutcome.Verdict.MATCH, null);
    }
}
