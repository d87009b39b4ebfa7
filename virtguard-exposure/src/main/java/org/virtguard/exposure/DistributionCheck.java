package org.virtguard.exposure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.virtguard.exposure.data.DataSetInfo;
import org.virtguard.exposure.osv.DebianVersion;
import org.virtguard.exposure.osv.OsvIndex;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;

/**
 * QEMU and libvirt as the host's distribution ships them, decided with distribution security data (OSV) because
 * distributions backport fixes into old version numbers. Reads the host component versions {@code os.id},
 * {@code os.version} and {@code package.<binary package>} (e.g. {@code package.qemu-system-x86}). A host whose
 * distribution or package versions were not collected, a distribution whose version ordering is not implemented,
 * or a release no loaded OSV data covers is NOT_COLLECTED with what to supply — never PASS.
 */
public final class DistributionCheck {

    /** Check id prefix; the source package ({@code qemu}, {@code libvirt}) follows. */
    public static final String CHECK = "exposure.distribution.";
    /** Host component version key prefix of installed package versions. */
    public static final String PACKAGE = "package.";
    /** Binary packages by the source package OSV names, most specific first. */
    static final Map<String, List<String>> BINARIES = Map.of(
            "qemu", List.of("qemu-system-x86", "qemu-system-x86-64", "qemu-kvm", "qemu-system-common",
                    "qemu-system-arm", "qemu-system-ppc", "qemu-system-s390x", "qemu-system-misc", "qemu-utils", "qemu"),
            "libvirt", List.of("libvirt-daemon", "libvirt-daemon-system", "libvirt0", "libvirt-clients", "libvirt"));
    private static final List<String> FRAMEWORKS = List.of("PCI-DSS-4.0:6.3.3", "CIS-Controls-8:7.4");
    private static final int LISTED = 10;

    private final VulnerabilityData data;
    private final Clock clock;

    public DistributionCheck(VulnerabilityData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    public static List<String> checkIds() {
        return List.of(CHECK + "qemu", CHECK + "libvirt");
    }

    /** One finding per source package for a KVM/QEMU host; none for other hosts. */
    public List<Finding> scan(Host host) {
        if (host.hypervisor() != HypervisorKind.KVM && host.hypervisor() != HypervisorKind.QEMU) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (String source : List.of("qemu", "libvirt")) {
            findings.add(evaluate(host, source));
        }
        return findings;
    }

    /**
     * What the distribution data says about {@code cve} in {@code sourcePackage} on {@code host}, for the per-CVE
     * findings: empty when it cannot decide (no data, no package version, undecidable ecosystem, no record names
     * the CVE for this release).
     */
    public Optional<OsvIndex.Verdict> decide(Host host, String sourcePackage, String cve) {
        String os = host.componentVersions().get(EndOfSupportKeys.OS_ID);
        String release = host.componentVersions().get(EndOfSupportKeys.OS_VERSION);
        Optional<Installed> installed = installed(host, sourcePackage);
        if (os == null || release == null || installed.isEmpty() || !OsvIndex.decidable(os)) {
            return Optional.empty();
        }
        DebianVersion version;
        try {
            version = DebianVersion.parse(installed.get().version());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return data.osv().evaluate(os, release, sourcePackage, version).stream()
                .filter(v -> v.record().cves().contains(cve)).findFirst();
    }

    private record Installed(String binary, String version) {
    }

    private static Optional<Installed> installed(Host host, String source) {
        for (String binary : BINARIES.get(source)) {
            String v = host.componentVersions().get(PACKAGE + binary);
            if (v != null && !v.isBlank()) {
                return Optional.of(new Installed(binary, v.strip()));
            }
        }
        return Optional.empty();
    }

    private Finding evaluate(Host host, String source) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("package", source);
        evidence.put("source", "OSV distribution security data");
        String os = host.componentVersions().get(EndOfSupportKeys.OS_ID);
        String release = host.componentVersions().get(EndOfSupportKeys.OS_VERSION);
        String upstream = host.componentVersions().get(source);
        String running = source + (upstream == null ? "" : " " + upstream);
        Optional<Installed> installed = installed(host, source);
        if (os == null || release == null || installed.isEmpty()) {
            evidence.put("reason", os == null || release == null ? "distribution not collected"
                    : "package version not collected");
            return finding(host, source, CheckStatus.NOT_COLLECTED, Severity.HIGH, host.name() + ": " + running
                    + " — whether the distribution backported the fixes cannot be decided: the "
                    + (os == null || release == null ? "host's distribution (os.id, os.version) and " : "")
                    + "installed package version (" + PACKAGE + BINARIES.get(source).get(0)
                    + ") were not collected. The libvirt connector cannot read them; supply the package list "
                    + "(dpkg-query -W output) through an agent or inventory import as host component versions, and "
                    + "load the distribution's OSV data with virtguard exposure update --from DIR", evidence);
        }
        evidence.put("distribution", os + " " + release);
        evidence.put("installed", installed.get().binary() + " " + installed.get().version());
        if (!OsvIndex.decidable(os)) {
            return finding(host, source, CheckStatus.NOT_COLLECTED, Severity.HIGH, host.name() + ": "
                    + installed.get().binary() + " " + installed.get().version() + " on " + os + " " + release
                    + " — VirtGuard compares Debian and Ubuntu package versions only, so distribution backports "
                    + "on " + os + " cannot be decided", evidence);
        }
        DebianVersion version;
        try {
            version = DebianVersion.parse(installed.get().version());
        } catch (IllegalArgumentException e) {
            return finding(host, source, CheckStatus.NOT_COLLECTED, Severity.HIGH, host.name() + ": installed "
                    + installed.get().binary() + " version '" + installed.get().version()
                    + "' is not a Debian version (" + e.getMessage() + ")", evidence);
        }
        List<DataSetInfo> osvSets = data.dataSets().stream().filter(d -> d.kind().equals("osv")).toList();
        evidence.put("dataSets", osvSets.stream().map(DataSetInfo::citation).collect(Collectors.joining("; ")));
        osvSets.stream().map(DataSetInfo::effectiveDate).max(java.time.Instant::compareTo)
                .ifPresent(d -> evidence.put("dataDate", d.toString().substring(0, 10)));
        if (!data.osv().covers(os, release)) {
            return finding(host, source, CheckStatus.NOT_COLLECTED, Severity.HIGH, host.name() + ": "
                    + installed.get().binary() + " " + installed.get().version() + " — no distribution security "
                    + "data for " + os + " " + release + " is loaded, so backported fixes cannot be decided; load "
                    + "the OSV data of " + os + " (e.g. the " + capitalised(os) + " all.zip from osv.dev) with "
                    + "virtguard exposure update --from DIR", evidence);
        }
        List<OsvIndex.Verdict> verdicts = data.osv().evaluate(os, release, source, version);
        List<OsvIndex.Verdict> affected = verdicts.stream()
                .filter(v -> v.decision() == OsvIndex.Decision.AFFECTED).toList();
        List<OsvIndex.Verdict> fixed = verdicts.stream().filter(v -> v.decision() == OsvIndex.Decision.FIXED).toList();
        evidence.put("recordsChecked", Integer.toString(verdicts.size()));
        evidence.put("fixedRecords", Integer.toString(fixed.size()));
        String installedText = installed.get().binary() + " " + version;
        if (!affected.isEmpty()) {
            evidence.put("sourceRecords", ids(affected, affected.size()));
            evidence.put("cves", affected.stream().flatMap(v -> v.record().cves().stream()).distinct()
                    .collect(Collectors.joining(", ")));
            String fixes = affected.stream().map(OsvIndex.Verdict::fixed).filter(java.util.Objects::nonNull)
                    .map(DebianVersion::parse).max(DebianVersion::compareTo).map(DebianVersion::toString)
                    .orElse("no fixed version published yet");
            evidence.put("fixedVersion", fixes);
            return finding(host, source, CheckStatus.FAIL, Severity.HIGH, host.name() + ": " + installedText
                    + " on " + os + " " + release + " is affected by " + affected.size() + " distribution advisories ("
                    + ids(affected, LISTED) + "); decided by the distribution's OSV records, data of "
                    + evidence.getOrDefault("dataDate", "unknown date") + "; install " + fixes + " or later", evidence);
        }
        List<OsvIndex.Verdict> undecided = verdicts.stream()
                .filter(v -> v.decision() == OsvIndex.Decision.UNDECIDED).toList();
        if (!undecided.isEmpty()) {
            evidence.put("sourceRecords", ids(undecided, undecided.size()));
            return finding(host, source, CheckStatus.NOT_COLLECTED, Severity.HIGH, host.name() + ": "
                    + installedText + " — " + undecided.size() + " distribution advisories (" + ids(undecided, LISTED)
                    + ") carry versions that cannot be compared, so they cannot be ruled out", evidence);
        }
        evidence.put("sourceRecords", ids(fixed, fixed.size()));
        return finding(host, source, CheckStatus.PASS, Severity.HIGH, host.name() + ": " + installedText + " on " + os
                + " " + release + " is affected by none of the " + verdicts.size()
                + " distribution advisories for " + source + (fixed.isEmpty() ? "" : "; " + fixed.size()
                + " fixed by the distribution's backports (" + ids(fixed, LISTED) + ")")
                + "; decided by the distribution's OSV records, data of "
                + evidence.getOrDefault("dataDate", "unknown date"), evidence);
    }

    private static String ids(List<OsvIndex.Verdict> verdicts, int limit) {
        String shown = verdicts.stream().limit(limit).map(v -> v.record().id()).collect(Collectors.joining(", "));
        return verdicts.size() > limit ? shown + " and " + (verdicts.size() - limit) + " more" : shown;
    }

    private static String capitalised(String os) {
        return os.isEmpty() ? os : os.substring(0, 1).toUpperCase(Locale.ROOT) + os.substring(1);
    }

    private Finding finding(Host host, String source, CheckStatus status, Severity severity, String message,
                            Map<String, String> evidence) {
        return new Finding(CHECK + source, new ResourceRef(ObjectType.HOST, host.id(), host.name()), status, severity,
                "Distribution " + source + " package against the distribution's security data", message, evidence,
                FRAMEWORKS, clock.instant());
    }

    /** The host component version keys of the distribution, shared with the end-of-support check. */
    static final class EndOfSupportKeys {
        static final String OS_ID = org.virtguard.exposure.support.EndOfSupportCheck.OS_ID;
        static final String OS_VERSION = org.virtguard.exposure.support.EndOfSupportCheck.OS_VERSION;

        private EndOfSupportKeys() {
        }
    }
}
