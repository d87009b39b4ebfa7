package org.virtguard.exposure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.virtguard.exposure.nvd.CpeIndex;
import org.virtguard.exposure.nvd.CpeMatch;
import org.virtguard.exposure.nvd.ConfigurationMatcher;
import org.virtguard.exposure.nvd.CveRecord;
import org.virtguard.exposure.nvd.MatchOutcome;
import org.virtguard.exposure.nvd.NvdDataSet;
import org.virtguard.exposure.nvd.NvdVersion;
import org.virtguard.exposure.nvd.PlatformCpe;
import org.virtguard.exposure.vmware.BuildTables;
import org.virtguard.exposure.vmware.VmwareJudge;
import org.virtguard.exposure.vmware.VmwareJudgement;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;

/**
 * One finding per host and CVE from NVD data: the CVE's configurations matched against what the host runs
 * ({@link ProductCpeTable}), ESXi/vCenter update levels placed with the build tables, KEV, EPSS and VM-escape
 * knowledge attached. FAIL when affected, PASS when the running release includes the fix, NOT_COLLECTED with
 * the reason whenever a fact is missing (unknown build, unanalysed CVE, distribution backports).
 */
final class CveFindings {

    private final NvdDataSet data;
    private final CpeIndex index;
    private final VmwareJudge vmware;
    private final KevCatalog kev;
    private final Set<String> vmEscapes;
    private final EpssLookup epss;
    private final DistributionFixes distributionFixes;
    private final Clock clock;
    /** Verdicts per running release (product|version|build): hosts of a fleet share few releases. */
    private final Map<String, List<Draft>> drafts = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_RELEASES = 10_000;

    CveFindings(NvdDataSet data, BuildTables tables, KevCatalog kev, AdvisoryDatabase advisories, EpssLookup epss,
                DistributionFixes distributionFixes, Clock clock) {
        this.data = data;
        this.index = new CpeIndex(data);
        this.vmware = new VmwareJudge(tables);
        this.kev = kev;
        this.epss = epss;
        this.distributionFixes = distributionFixes;
        this.clock = clock;
        Set<String> escapes = new HashSet<>();
        advisories.advisories().stream().filter(Advisory::vmEscape).forEach(a -> escapes.addAll(a.cves()));
        this.vmEscapes = Set.copyOf(escapes);
    }

    /** The check ids of every CVE that names a product in {@link ProductCpeTable}. */
    List<String> checkIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (ProductCpeTable.Row row : ProductCpeTable.ROWS) {
            for (CveRecord r : candidates(row, List.of(), null)) {
                ids.add(ExposureScanner.HYPERVISOR_CHECK + r.id());
            }
            for (CveRecord r : index.unanalysedMentioning(row.keyword())) {
                ids.add(ExposureScanner.HYPERVISOR_CHECK + r.id());
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * A verdict for one release and CVE, before it is attached to a host.
     *
     * @param distribution whether distribution security data may still decide it per host
     */
    private record Draft(ProductCpeTable.Running running, CveRecord record, CheckStatus status, String message,
                         String fixedRelease, String basis, boolean distribution) {
    }

    List<Finding> scan(Host host, int vmsOnHost) {
        Map<String, Finding> byCve = new LinkedHashMap<>();
        for (ProductCpeTable.Running running : ProductCpeTable.running(host)) {
            String key = running.row().product() + "|" + running.version() + "|" + running.build();
            List<Draft> list = drafts.get(key);
            if (list == null) {
                list = evaluate(running);
                if (drafts.size() > MAX_CACHED_RELEASES) {
                    drafts.clear();
                }
                drafts.put(key, list);
            }
            for (Draft d : list) {
                keepWorst(byCve, materialise(host, d, vmsOnHost));
            }
        }
        return new ArrayList<>(byCve.values());
    }

    private Finding materialise(Host host, Draft d, int vms) {
        if (d.distribution()) {
            Optional<DistributionFixes.Decision> decision = distributionFixes.decide(host, d.running().row().product(),
                    d.record().id());
            if (decision.isPresent()) {
                Finding f = finding(host, new Draft(d.running(), d.record(), decision.get().status(),
                        decision.get().reason(), d.fixedRelease(), "distribution", false), false, vms);
                Map<String, String> evidence = new LinkedHashMap<>(f.evidence());
                evidence.put("decidedBy", decision.get().source());
                return new Finding(f.checkId(), f.resource(), f.status(), f.severity(), f.title(), f.message(),
                        evidence, f.frameworks(), f.evaluatedAt());
            }
        }
        return finding(host, d, true, vms);
    }

    private List<Draft> evaluate(ProductCpeTable.Running running) {
        List<Draft> out = new ArrayList<>();
        List<PlatformCpe> cpes = expand(running);
        for (CveRecord r : candidates(running.row(), cpes, running.version())) {
            evaluate(running, cpes, r).ifPresent(out::add);
        }
        for (CveRecord r : index.unanalysedMentioning(running.row().keyword())) {
            out.add(new Draft(running, r, CheckStatus.NOT_COLLECTED, "NVD has not analysed " + r.id() + " yet (status "
                    + r.status() + ", no CPE data), and its description names " + running.row().keyword()
                    + "; whether " + describe(running) + " is affected cannot be decided from NVD data", null,
                    "description", false));
        }
        return List.copyOf(out);
    }

    private Optional<Draft> evaluate(ProductCpeTable.Running running, List<PlatformCpe> cpes, CveRecord r) {
        if (running.version() == null) {
            return Optional.of(new Draft(running, r, CheckStatus.NOT_COLLECTED, "the " + running.row().product()
                    + " version was not collected, so " + r.id() + " cannot be ruled out", null, "inventory", false));
        }
        MatchOutcome outcome = ConfigurationMatcher.match(r, cpes);
        return switch (outcome.verdict()) {
            case NO_MATCH -> running.row().vmware() ? Optional.empty() : fixedUpstream(running, cpes, r);
            case UNDETERMINED -> Optional.of(new Draft(running, r, CheckStatus.NOT_COLLECTED, describe(running)
                    + " — " + r.id() + " cannot be decided: " + outcome.reason(), fixedVersion(outcome.matched()), "cpe",
                    false));
            case MATCH -> Optional.of(matched(running, r, outcome.matched()));
        };
    }

    private Draft matched(ProductCpeTable.Running running, CveRecord r, List<CpeMatch> matched) {
        if (running.row().vmware()) {
            VmwareJudgement j = vmware.judge(running.row().product(), running.version(), running.build(), r, matched);
            CheckStatus status = switch (j.status()) {
                case AFFECTED -> CheckStatus.FAIL;
                case NOT_AFFECTED -> CheckStatus.PASS;
                case UNDETERMINED -> CheckStatus.NOT_COLLECTED;
            };
            String verb = switch (j.status()) {
                case AFFECTED -> " is affected by ";
                case NOT_AFFECTED -> " includes the fix for ";
                case UNDETERMINED -> " cannot be checked for ";
            };
            return new Draft(running, r, status, j.running() + verb + r.id() + " (" + j.reason() + ")",
                    j.fixedRelease(), j.basis(), false);
        }
        String range = matched.isEmpty() ? "" : " (" + matched.get(0).describeRange() + ")";
        if (running.row().distributionPackaged()) {
            return new Draft(running, r, CheckStatus.NOT_COLLECTED, "upstream " + describe(running)
                    + " lies in NVD's affected range for " + r.id() + range + ", but distributions backport fixes into "
                    + "old version numbers: only the distribution's security data (OSV) for the installed package can "
                    + "decide; none was loaded", fixedVersion(matched), "cpe-upstream", true);
        }
        return new Draft(running, r, CheckStatus.FAIL, describe(running) + " is affected by " + r.id() + range,
                fixedVersion(matched), "cpe", false);
    }

    /** PASS when NVD's range for the same major version ends at or before the running version. */
    private Optional<Draft> fixedUpstream(ProductCpeTable.Running running, List<PlatformCpe> cpes, CveRecord r) {
        Set<String> keys = new HashSet<>();
        cpes.forEach(c -> keys.add(c.key()));
        String major = running.version().split("\\D", 2)[0];
        for (var c : r.configurations()) {
            for (var n : c.nodes()) {
                for (CpeMatch m : n.matches()) {
                    String end = m.versionEndExcluding() != null ? m.versionEndExcluding() : m.versionEndIncluding();
                    if (m.vulnerable() && end != null && keys.contains(m.criteria().key())
                            && end.split("\\D", 2)[0].equals(major)
                            && NvdVersion.compare(running.version(), end) >= (m.versionEndExcluding() != null ? 0 : 1)) {
                        return Optional.of(new Draft(running, r, CheckStatus.PASS, describe(running)
                                + " is outside NVD's affected range for " + r.id() + " (" + m.describeRange() + ")",
                                m.versionEndExcluding(), "cpe", false));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<CveRecord> candidates(ProductCpeTable.Row row, List<PlatformCpe> cpes, String version) {
        if (row.cpeProducts().contains("*")) {
            return index.forVendor(row.vendor());
        }
        Set<CveRecord> out = new LinkedHashSet<>();
        List<String> keys = new ArrayList<>();
        if (cpes.isEmpty()) {
            row.cpeProducts().forEach(p -> keys.add(row.vendor() + ":" + p));
            if (row.product().equals("libvirt")) {
                keys.add("libvirt:libvirt");
            }
        } else {
            cpes.forEach(c -> keys.add(c.key()));
        }
        if (row.product().equals("hyperv")) {
            index.keys().stream().filter(k -> k.startsWith("microsoft:windows_server")).forEach(keys::add);
        }
        for (String key : keys) {
            out.addAll(version == null ? index.forProduct(key) : index.forProductVersion(key, version));
        }
        return new ArrayList<>(out);
    }

    /** A vendor-wide row ({@code proxmox:*}) stands for every product of the vendor NVD names. */
    private List<PlatformCpe> expand(ProductCpeTable.Running running) {
        if (!running.row().cpeProducts().contains("*")) {
            return running.cpes();
        }
        List<PlatformCpe> out = new ArrayList<>();
        for (String key : index.keys()) {
            if (key.startsWith(running.row().vendor() + ":")) {
                out.add(new PlatformCpe(running.row().part(), running.row().vendor(), key.substring(key.indexOf(':') + 1),
                        running.version(), false, false));
            }
        }
        return out;
    }

    /** What a verdict says independent of the host: computed once per release and CVE, shared by every host. */
    private record Prepared(String checkId, String title, Severity severity, List<String> frameworks,
                            Map<String, String> evidence, String body, boolean fail, String sourceNote,
                            Map<Integer, Map<String, String>> evidenceByVmCount) {
    }

    /** By identity: drafts are cached per release, so each is one object shared by the hosts running it. */
    private final Map<Draft, Prepared> prepared = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private Finding finding(Host host, Draft d, boolean cached, int vms) {
        Prepared p = cached ? prepared.get(d) : null;
        if (p == null) {
            p = prepare(d.running(), d.record(), d.status(), d.message(), d.fixedRelease(), d.basis());
            if (cached) {
                if (prepared.size() > 500_000) {
                    prepared.clear();
                }
                prepared.put(d, p);
            }
        }
        Prepared q = p;
        Map<String, String> evidence = p.evidenceByVmCount().computeIfAbsent(vms, n -> {
            Map<String, String> ev = new LinkedHashMap<>(q.evidence());
            ev.put("vmsOnHost", Integer.toString(n));
            return Map.copyOf(ev);
        });
        String text = host.name() + ": " + p.body() + (p.fail() ? "; " + vms + (vms == 1 ? " VM runs" : " VMs run")
                + " on this host" : "") + p.sourceNote();
        return new Finding(p.checkId(), new ResourceRef(ObjectType.HOST, host.id(), host.name()), d.status(), p.severity(),
                p.title(), text, evidence, p.frameworks(), clock.instant());
    }

    private Prepared prepare(ProductCpeTable.Running running, CveRecord r, CheckStatus status, String message,
                             String fixedRelease, String basis) {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("cve", r.id());
        ev.put("product", running.row().product());
        if (running.version() != null) {
            ev.put("version", running.version());
        }
        if (running.build() != null) {
            ev.put("build", Long.toString(running.build()));
        }
        if (r.cvss() != null) {
            ev.put("cvss", Double.toString(r.cvss().baseScore()));
            ev.put("cvssVersion", r.cvss().version());
            if (r.cvss().vector() != null) {
                ev.put("cvssVector", r.cvss().vector());
            }
        }
        if (!r.cwes().isEmpty()) {
            ev.put("cwe", String.join(", ", r.cwes()));
        }
        Optional<KevEntry> k = kev.find(r.id());
        if (k.isPresent()) {
            ev.put("knownExploited", "yes");
            ev.put("kevDateAdded", String.valueOf(k.get().dateAdded()));
            ev.put("kevDueDate", String.valueOf(k.get().dueDate()));
            ev.put("ransomwareUse", String.valueOf(k.get().ransomwareUse()));
        } else if (r.kevDateAdded() != null) {
            ev.put("knownExploited", "yes");
            ev.put("kevDateAdded", r.kevDateAdded().toString());
            ev.put("ransomwareUse", "not known from the NVD record (load the CISA KEV catalogue)");
        } else {
            ev.put("knownExploited", kev.size() == 0 ? "unknown (no KEV catalogue loaded)" : "no");
        }
        ev.put("vmEscape", vmEscapes.contains(r.id()) ? "yes" : "not known");
        epss.find(r.id()).ifPresent(s -> {
            ev.put("epss", String.format(Locale.ROOT, "%.5f", s.probability()));
            ev.put("epssPercentile", String.format(Locale.ROOT, "%.5f", s.percentile()));
            ev.put("epssDate", String.valueOf(s.date()));
        });
        if (fixedRelease != null) {
            ev.put("fixedRelease", fixedRelease);
        }
        ev.put("basis", basis);
        ev.put("source", r.source());
        if (r.lastModified() != null) {
            ev.put("sourceDate", r.lastModified().toString());
        }
        if (r.published() != null) {
            ev.put("published", r.published().toString());
        }
        boolean exploited = "yes".equals(ev.get("knownExploited"));
        Severity severity = exploited ? Severity.CRITICAL : severity(r);
        StringBuilder body = new StringBuilder(message);
        boolean fail = status == CheckStatus.FAIL;
        if (fail) {
            if (vmEscapes.contains(r.id())) {
                body.append("; a VM escape");
            }
            if (exploited) {
                body.append("; KNOWN EXPLOITED (CISA KEV, added ").append(ev.get("kevDateAdded"))
                        .append(k.isPresent() && k.get().usedByRansomware() ? ", used by ransomware" : "").append(")");
            }
            if (fixedRelease != null) {
                body.append("; fixed in ").append(fixedRelease);
            }
        }
        String sourceNote = " [" + r.source() + (r.lastModified() == null ? "" : ", modified " + r.lastModified()) + "]";
        List<String> frameworks = new ArrayList<>();
        if (exploited) {
            frameworks.add("CISA-KEV:" + r.id());
        }
        frameworks.addAll(r.cwes());
        frameworks.add("PCI-DSS-4.0:6.3.3");
        frameworks.add("CIS-Controls-8:7.4");
        String title = r.id() + " in " + running.row().keyword() + (r.cvss() == null ? ""
                : " (CVSS " + r.cvss().baseScore() + ")");
        return new Prepared(ExposureScanner.HYPERVISOR_CHECK + r.id(), title, severity, List.copyOf(frameworks),
                Map.copyOf(ev), body.toString(), fail, sourceNote, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private static Severity severity(CveRecord r) {
        if (r.cvss() == null) {
            return Severity.MEDIUM;
        }
        double s = r.cvss().baseScore();
        return s >= 9.0 ? Severity.CRITICAL : s >= 7.0 ? Severity.HIGH : s >= 4.0 ? Severity.MEDIUM
                : s > 0 ? Severity.LOW : Severity.INFO;
    }

    private static String fixedVersion(List<CpeMatch> matched) {
        return matched.stream().map(CpeMatch::fixedVersion).filter(v -> v != null).findFirst()
                .map(v -> "version " + v).orElse(null);
    }

    private static void keepWorst(Map<String, Finding> byCve, Finding f) {
        byCve.merge(f.checkId(), f, (a, b) -> rank(b.status()) > rank(a.status()) ? b : a);
    }

    private static int rank(CheckStatus s) {
        return switch (s) {
            case FAIL -> 3;
            case NOT_COLLECTED -> 2;
            case PASS -> 1;
            default -> 0;
        };
    }

    private static String describe(ProductCpeTable.Running running) {
        return running.row().keyword() + " " + running.version() + (running.build() == null ? ""
                : " build " + running.build());
    }

    NvdDataSet data() {
        return data;
    }
}
