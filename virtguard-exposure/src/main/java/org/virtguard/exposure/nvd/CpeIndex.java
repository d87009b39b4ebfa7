package org.virtguard.exposure.nvd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CVE records indexed by the {@code vendor:product} of their vulnerable match criteria, so a host is matched
 * only against the CVEs that name what it runs; records NVD has not analysed yet (no configurations) are indexed
 * by the product words in their description.
 */
public final class CpeIndex {

    private static final java.util.regex.Pattern MAJOR_MINOR = java.util.regex.Pattern.compile("^(\\d+)(?:\\.(\\d+))?");
    private final Map<String, List<CveRecord>> byKey = new HashMap<>();
    /** Per product: records by the major.minor their criteria name, {@code *} for any version or a range. */
    private final Map<String, Map<String, List<CveRecord>>> byKeyAndLine = new HashMap<>();
    private final Map<String, List<CveRecord>> byVendor = new HashMap<>();
    private final List<CveRecord> unanalysed = new ArrayList<>();
    private final Map<String, List<CveRecord>> unanalysedByWord = new HashMap<>();

    /** Indexes {@code data}. */
    public CpeIndex(NvdDataSet data) {
        for (CveRecord r : data.records()) {
            if (!r.analysed()) {
                unanalysed.add(r);
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            Set<String> lines = new LinkedHashSet<>();
            for (Configuration c : r.configurations()) {
                for (ConfigNode n : c.nodes()) {
                    for (CpeMatch m : n.matches()) {
                        if (m.vulnerable()) {
                            keys.add(m.criteria().key());
                            lines.add(m.criteria().key() + "\u0000" + line(m));
                        }
                    }
                }
            }
            for (String keyLine : lines) {
                int cut = keyLine.indexOf('\u0000');
                byKeyAndLine.computeIfAbsent(keyLine.substring(0, cut), k -> new HashMap<>())
                        .computeIfAbsent(keyLine.substring(cut + 1), k -> new ArrayList<>()).add(r);
            }
            for (String key : keys) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                byVendor.computeIfAbsent(key.substring(0, key.indexOf(':')), k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** Records with a vulnerable criterion for {@code vendor:product}. */
    public List<CveRecord> forProduct(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    /**
     * Records with a vulnerable criterion for {@code vendor:product} that can concern {@code version}: those naming
     * its major.minor line, any version, or a range.
     */
    public List<CveRecord> forProductVersion(String key, String version) {
        Map<String, List<CveRecord>> lines = byKeyAndLine.getOrDefault(key, Map.of());
        String line = majorMinor(version);
        List<CveRecord> any = lines.getOrDefault("*", List.of());
        List<CveRecord> exact = line == null ? List.of() : lines.getOrDefault(line, List.of());
        if (line == null) {
            return forProduct(key);
        }
        if (exact.isEmpty() || any.isEmpty()) {
            return exact.isEmpty() ? any : exact;
        }
        Set<CveRecord> both = new LinkedHashSet<>(exact);
        both.addAll(any);
        return new ArrayList<>(both);
    }

    private static String line(CpeMatch m) {
        String v = m.criteria().version();
        if (m.hasRange() || v.equals(Cpe.ANY) || v.equals(Cpe.NA) || v.contains("*") || v.contains("?")) {
            return "*";
        }
        String line = majorMinor(Cpe.unescape(v));
        return line == null ? "*" : line;
    }

    /** {@code 6.5.0} and {@code 6.5} -> {@code 6.5}; {@code 9} -> {@code 9.0}; null without a leading number. */
    static String majorMinor(String version) {
        java.util.regex.Matcher m = MAJOR_MINOR.matcher(version.trim());
        if (!m.find()) {
            return null;
        }
        return Long.parseLong(m.group(1).length() > 9 ? "0" : m.group(1)) + "."
                + (m.group(2) == null ? 0 : Long.parseLong(m.group(2).length() > 9 ? "0" : m.group(2)));
    }

    /** Records with a vulnerable criterion for any product of {@code vendor}. */
    public List<CveRecord> forVendor(String vendor) {
        return byVendor.getOrDefault(vendor, List.of());
    }

    /** Products indexed. */
    public Set<String> keys() {
        return byKey.keySet();
    }

    /** Records without configurations whose English description names {@code word} (case-insensitive, whole word). */
    public synchronized List<CveRecord> unanalysedMentioning(String word) {
        return unanalysedByWord.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?<![\\w-])" + java.util.regex.Pattern.quote(w)
                    + "(?![\\w-])", java.util.regex.Pattern.CASE_INSENSITIVE);
            return unanalysed.stream().filter(r -> p.matcher(r.description()).find()).toList();
        });
    }
}
