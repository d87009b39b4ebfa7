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

    private final Map<String, List<CveRecord>> byKey = new HashMap<>();
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
            for (Configuration c : r.configurations()) {
                for (ConfigNode n : c.nodes()) {
                    for (CpeMatch m : n.matches()) {
                        if (m.vulnerable()) {
                            keys.add(m.criteria().key());
                        }
                    }
                }
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
