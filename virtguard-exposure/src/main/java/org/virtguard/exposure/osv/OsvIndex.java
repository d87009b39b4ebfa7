package org.virtguard.exposure.osv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OSV records by ecosystem and package, deciding whether an installed distribution package version is affected.
 * Only the Debian and Ubuntu ecosystems are decided (dpkg version ordering, {@link DebianVersion}); other ecosystems
 * are reported as undecidable, never as fixed.
 */
public final class OsvIndex {

    /** What one record says about an installed version. */
    public enum Decision {
        AFFECTED, FIXED, NOT_AFFECTED,
        /** A range of the record holds a version that cannot be compared; never read as fixed. */
        UNDECIDED
    }

    /**
     * One record's verdict on an installed package.
     *
     * @param record    the record that decided
     * @param ecosystem the ecosystem of the affected entry that decided
     * @param decision  affected, fixed (a fix event at or below the installed version) or not affected
     * @param fixed     the first fixed version of the range that decided, or {@code null} when none is known
     */
    public record Verdict(OsvRecord record, String ecosystem, Decision decision, String fixed) {
    }

    private record Entry(OsvRecord record, OsvRecord.Affected affected) {
    }

    private final Map<String, List<Entry>> byPackage = new HashMap<>();
    private final int size;

    public OsvIndex(List<OsvRecord> records) {
        for (OsvRecord r : records) {
            for (OsvRecord.Affected a : r.affected()) {
                byPackage.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(new Entry(r, a));
            }
        }
        size = records.size();
    }

    public static OsvIndex empty() {
        return new OsvIndex(List.of());
    }

    public int size() {
        return size;
    }

    /** Whether any record names an ecosystem of this distribution release. */
    public boolean covers(String distribution, String release) {
        return byPackage.values().stream().flatMap(List::stream)
                .anyMatch(e -> matches(e.affected().ecosystem(), distribution, release));
    }

    /** Whether the ecosystem's versions can be compared here. */
    public static boolean decidable(String distribution) {
        String d = distribution.toLowerCase(Locale.ROOT);
        return d.equals("debian") || d.equals("ubuntu");
    }

    /**
     * Every record's verdict on {@code sourcePackage} at {@code installed} on a host running {@code distribution}
     * {@code release} (e.g. {@code debian}, {@code 12}), ordered by record id.
     */
    public List<Verdict> evaluate(String distribution, String release, String sourcePackage, DebianVersion installed) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Entry e : byPackage.getOrDefault(sourcePackage, List.of())) {
            if (matches(e.affected().ecosystem(), distribution, release)) {
                verdicts.add(verdict(e, installed));
            }
        }
        verdicts.sort(Comparator.comparing(v -> v.record().id()));
        return verdicts;
    }

    static boolean matches(String ecosystem, String distribution, String release) {
        String expected = switch (distribution.toLowerCase(Locale.ROOT)) {
            case "debian" -> "Debian:" + release.split("\\.")[0];
            case "ubuntu" -> "Ubuntu:" + release;
            default -> null;
        };
        return expected != null && (ecosystem.equals(expected) || ecosystem.startsWith(expected + ":"));
    }

    private static Verdict verdict(Entry e, DebianVersion installed) {
        String v = installed.toString();
        if (e.affected().versions().contains(v)) {
            return new Verdict(e.record(), e.affected().ecosystem(), Decision.AFFECTED, firstFixed(e.affected()));
        }
        String fixedBelow = null;
        boolean undecided = false;
        for (List<OsvRecord.Event> range : e.affected().ranges()) {
            Optional<Boolean> affected = inRange(range, installed);
            if (affected.isEmpty()) {
                undecided = true;
                continue;
            }
            String fixed = range.stream().filter(ev -> ev.type().equals("fixed")).map(OsvRecord.Event::version)
                    .findFirst().orElse(null);
            if (affected.get()) {
                return new Verdict(e.record(), e.affected().ecosystem(), Decision.AFFECTED, fixed);
            }
            if (fixed != null && compare(fixed, installed) <= 0) {
                fixedBelow = fixed;
            }
        }
        if (undecided) {
            return new Verdict(e.record(), e.affected().ecosystem(), Decision.UNDECIDED, null);
        }
        return new Verdict(e.record(), e.affected().ecosystem(),
                fixedBelow != null ? Decision.FIXED : Decision.NOT_AFFECTED, fixedBelow);
    }

    /**
     * Applies the OSV range algorithm: events in version order, {@code introduced} starts an affected span,
     * {@code fixed} and {@code limit} end it before their version, {@code last_affected} after it. Empty when an
     * event version is not a Debian version (the range cannot be decided and is ignored).
     */
    static Optional<Boolean> inRange(List<OsvRecord.Event> events, DebianVersion installed) {
        boolean affected = false;
        List<OsvRecord.Event> sorted = new ArrayList<>(events);
        try {
            sorted.sort(Comparator.comparing(ev -> ev.version().equals("0") ? null : DebianVersion.parse(ev.version()),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            for (OsvRecord.Event ev : sorted) {
                switch (ev.type()) {
                    case "introduced" -> {
                        if (ev.version().equals("0") || compare(ev.version(), installed) <= 0) {
                            affected = true;
                        }
                    }
                    case "fixed", "limit" -> {
                        if (compare(ev.version(), installed) <= 0) {
                            affected = false;
                        }
                    }
                    case "last_affected" -> {
                        if (compare(ev.version(), installed) < 0) {
                            affected = false;
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(affected);
    }

    private static int compare(String eventVersion, DebianVersion installed) {
        return DebianVersion.parse(eventVersion).compareTo(installed);
    }

    private static String firstFixed(OsvRecord.Affected a) {
        return a.ranges().stream().flatMap(List::stream).filter(ev -> ev.type().equals("fixed"))
                .map(OsvRecord.Event::version).findFirst().orElse(null);
    }
}
