package org.virtguard.exposure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.exposure.data.DataSetInfo;
import org.virtguard.exposure.epss.EpssScores;
import org.virtguard.model.Finding;

/**
 * Adds to each finding that names CVEs (evidence {@code cve} or {@code cves}) what the loaded data says about them:
 * the highest EPSS score with its percentile and score date, and for CVEs in the KEV catalogue the date CISA added
 * them, the due date and known ransomware campaign use, each citing its data set. Findings without CVEs are unchanged.
 */
public final class FindingEnrichment {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private final KevCatalog kev;
    private final VulnerabilityData data;

    public FindingEnrichment(KevCatalog kev, VulnerabilityData data) {
        this.kev = kev;
        this.data = data;
    }

    public List<Finding> apply(List<Finding> findings) {
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            result.add(enrich(f));
        }
        return result;
    }

    private Finding enrich(Finding f) {
        List<String> cves = cves(f.evidence());
        if (cves.isEmpty()) {
            return f;
        }
        Map<String, String> evidence = new LinkedHashMap<>(f.evidence());
        if (evidence.containsKey("advisory") && !evidence.containsKey("sourceRecord")) {
            evidence.put("sourceRecord", "advisory " + evidence.get("advisory"));
        }
        String bestCve = null;
        EpssScores.Score best = null;
        for (String cve : cves) {
            Optional<EpssScores.Score> s = data.epss().find(cve);
            if (s.isPresent() && (best == null || s.get().epss() > best.epss())) {
                best = s.get();
                bestCve = cve;
            }
        }
        Optional<DataSetInfo> epssSet = data.dataSet("epss");
        if (best != null) {
            evidence.put("epss", String.format(java.util.Locale.ROOT, "%.5f", best.epss()));
            evidence.put("epssPercentile", String.format(java.util.Locale.ROOT, "%.5f", best.percentile()));
            evidence.put("epssCve", bestCve);
            epssSet.ifPresent(s -> evidence.put("epssData", s.citation()));
        } else if (epssSet.isPresent()) {
            evidence.put("epss", "not scored");
            evidence.put("epssData", epssSet.get().citation());
        }
        List<KevEntry> listed = cves.stream().map(kev::find).flatMap(Optional::stream).toList();
        if (!listed.isEmpty()) {
            KevEntry first = listed.stream().min(java.util.Comparator.comparing(KevEntry::dateAdded,
                    java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))).orElseThrow();
            evidence.put("kevDateAdded", String.valueOf(first.dateAdded()));
            evidence.put("kevDueDate", String.valueOf(first.dueDate()));
            evidence.put("kevRansomwareUse", listed.stream().anyMatch(KevEntry::usedByRansomware) ? "Known"
                    : String.valueOf(first.ransomwareUse()));
            data.dataSet("kev").ifPresentOrElse(s -> evidence.put("kevData", s.citation()),
                    () -> evidence.put("kevData", "catalogVersion " + kev.version()));
        }
        return new Finding(f.checkId(), f.resource(), f.status(), f.severity(), f.title(), f.message(), evidence,
                f.frameworks(), f.evaluatedAt());
    }

    static List<String> cves(Map<String, String> evidence) {
        List<String> cves = new ArrayList<>();
        for (String key : List.of("cve", "cves")) {
            String v = evidence.get(key);
            if (v != null) {
                Matcher m = CVE.matcher(v);
                while (m.find() && cves.size() < 1000) {
                    if (!cves.contains(m.group())) {
                        cves.add(m.group());
                    }
                }
            }
        }
        return cves;
    }
}
