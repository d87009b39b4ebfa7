package org.virtguard.exposure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.exposure.nvd.NvdDataSet;
import org.virtguard.exposure.vmware.BuildTables;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Setting;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;

/**
 * Matches hypervisor releases against advisories and the KEV catalogue, and guests against lifecycle data.
 * Every host/advisory pair for a product the host runs yields one finding: FAIL naming the CVEs, whether
 * they are known exploited, and the fixed build; PASS on a fixed build; NOT_COLLECTED when the version or
 * build is unknown — never PASS.
 */
public final class ExposureScanner {

    /** Check id prefix of hypervisor vulnerability findings; the advisory id follows. */
    public static final String HYPERVISOR_CHECK = "exposure.hypervisor.";
    public static final String GUEST_EOL_CHECK = "exposure.guest-os-end-of-life";
    public static final String TOOLS_CHECK = "exposure.vmware-tools-outdated";

    private final AdvisoryDatabase advisories;
    private final KevCatalog kev;
    private final GuestOsLifecycle lifecycle;
    private final Clock clock;
    private final CveFindings cves;
    private volatile VulnerabilityData data = VulnerabilityData.bundledOnly();

    public ExposureScanner(AdvisoryDatabase advisories, KevCatalog kev, GuestOsLifecycle lifecycle, Clock clock) {
        this(advisories, kev, lifecycle, clock, null);
    }

    private ExposureScanner(AdvisoryDatabase advisories, KevCatalog kev, GuestOsLifecycle lifecycle, Clock clock,
                            CveFindings cves) {
        this.advisories = advisories;
        this.kev = kev;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.cves = cves;
    }

    /**
     * A scanner that also matches hosts against NVD CVE records: one finding per host and CVE, check id
     * {@code exposure.hypervisor.<CVE id>}, ESXi/vCenter builds placed with {@code builds}. CVEs of
     * distribution-packaged software (QEMU, libvirt, Xen) whose upstream version is affected stay NOT_COLLECTED
     * unless {@code distributionFixes} decides them; {@code epss} adds scores to the evidence.
     */
    public ExposureScanner withVulnerabilityData(NvdDataSet nvd, BuildTables builds, EpssLookup epss,
                                                 DistributionFixes distributionFixes) {
        ExposureScanner scanner = new ExposureScanner(advisories, kev, lifecycle, clock,
                new CveFindings(nvd, builds, kev, advisories, epss, distributionFixes, clock));
        scanner.data = data;
        return scanner;
    }

    /** The NVD data this scanner matches against (empty when none was given). */
    public NvdDataSet vulnerabilityData() {
        return cves == null ? NvdDataSet.empty() : cves.data();
    }

    /**
     * Uses {@code loaded} for end of support, distribution packages (OSV), EPSS scores and data set provenance;
     * without it the bundled lifecycle data applies and findings carry no EPSS scores.
     */
    public ExposureScanner withData(VulnerabilityData loaded) {
        this.data = loaded;
        return this;
    }

    /** The data this scanner uses besides the advisories and the KEV catalogue. */
    public VulnerabilityData data() {
        return data;
    }

    /** Every check id this scanner can report, so a caller can tell resolved findings from unchecked ones. */
    public List<String> checkIds() {
        List<String> ids = new ArrayList<>();
        for (Advisory advisory : advisories.advisories()) {
            ids.add(HYPERVISOR_CHECK + advisory.id());
        }
        if (cves != null) {
            for (String id : cves.checkIds()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        ids.add(GUEST_EOL_CHECK);
        ids.add(TOOLS_CHECK);
        ids.addAll(org.virtguard.exposure.support.EndOfSupportCheck.checkIds());
        ids.addAll(DistributionCheck.checkIds());
        return ids;
    }

    public List<Finding> scan(List<Host> hosts, List<VirtualMachine> vms) {
        List<Finding> findings = new ArrayList<>();
        for (Host host : hosts) {
            for (Advisory advisory : advisories.advisories()) {
                HostSoftware.of(host, advisory.product()).flatMap(release -> evaluate(host, release, advisory))
                        .ifPresent(findings::add);
            }
        }
        if (cves != null) {
            Map<String, Integer> vmsPerHost = new java.util.HashMap<>();
            for (VirtualMachine vm : vms) {
                if (vm.hostId() != null) {
                    vmsPerHost.merge(vm.hostId(), 1, Integer::sum);
                }
            }
            for (Host host : hosts) {
                findings.addAll(cves.scan(host, vmsPerHost.getOrDefault(host.id(), 0)));
            }
        }
        for (VirtualMachine vm : vms) {
            findings.add(guestLifecycle(vm));
            tools(vm).ifPresent(findings::add);
        }
        VulnerabilityData loaded = data;
        org.virtguard.exposure.support.EndOfSupportCheck support =
                new org.virtguard.exposure.support.EndOfSupportCheck(loaded.lifecycle(), clock);
        DistributionCheck distribution = new DistributionCheck(loaded, clock);
        for (Host host : hosts) {
            findings.addAll(support.scan(host));
            findings.addAll(distribution.scan(host));
        }
        return new FindingEnrichment(kev, loaded).apply(findings);
    }

    private Optional<Finding> evaluate(Host host, HostSoftware.Release release, Advisory advisory) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("advisory", advisory.id());
        evidence.put("cves", String.join(", ", advisory.cves()));
        evidence.put("product", release.product());
        evidence.put("sources", String.join(" ", advisory.sources()));
        List<KevEntry> exploited = advisory.cves().stream().map(kev::find).flatMap(Optional::stream).toList();
        evidence.put("knownExploited", exploited.isEmpty() ? "no" : String.join(", ", exploited.stream().map(KevEntry::cveId).toList()));
        if (release.version() == null) {
            evidence.put("missing", release.product() + " version");
            evidence.put("collect", "the source did not report the hypervisor version; sync the source again with "
                    + "an account allowed to read the host's product information");
            return Optional.of(finding(host, advisory, exploited, CheckStatus.NOT_COLLECTED,
                    host.name() + ": the " + release.product() + " version was not collected", evidence));
        }
        VersionNumber version;
        try {
            version = VersionNumber.parse(release.version());
        } catch (IllegalArgumentException e) {
            evidence.put("missing", release.product() + " version");
            evidence.put("collect", "the reported version is not a version number VirtGuard can compare");
            return Optional.of(finding(host, advisory, exploited, CheckStatus.NOT_COLLECTED,
                    host.name() + ": unreadable " + release.product() + " version '" + release.version() + "'", evidence));
        }
        evidence.put("version", version.toString());
        Optional<AffectedLine> line = mostSpecificLine(advisory, version);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        AffectedLine affected = line.get();
        evidence.put("fixedRelease", affected.fixedRelease());
        String running = describe(release, version);
        if (affected.affectedUpTo() != null) {
            boolean vulnerable = version.compareTo(VersionNumber.parse(affected.affectedUpTo())) <= 0;
            return Optional.of(verdict(host, advisory, exploited, vulnerable, running, affected, evidence));
        }
        if (affected.fixedBuild() == null) {
            return Optional.of(verdict(host, advisory, exploited, true, running, affected, evidence));
        }
        evidence.put("fixedBuild", Long.toString(affected.fixedBuild()));
        if (release.build() == null) {
            evidence.put("missing", release.product() + " build number");
            evidence.put("collect", "the source reported the version but not the build; sync the host through "
                    + "vCenter or the host's API so the build number is read");
            return Optional.of(finding(host, advisory, exploited, CheckStatus.NOT_COLLECTED,
                    host.name() + ": " + running + " — the build number was not collected, so " + advisory.id()
                            + " cannot be ruled out (fixed in " + affected.fixedRelease() + ")", evidence));
        }
        evidence.put("build", Long.toString(release.build()));
        return Optional.of(verdict(host, advisory, exploited, release.build() < affected.fixedBuild(), running,
                affected, evidence));
    }

    private static Optional<AffectedLine> mostSpecificLine(Advisory advisory, VersionNumber version) {
        return advisory.affected().stream()
                .filter(l -> l.line().isEmpty() || version.inLine(VersionNumber.parse(l.line())))
                .max(Comparator.comparingInt(l -> l.line().isEmpty() ? 0 : VersionNumber.parse(l.line()).parts().size()));
    }

    private static String describe(HostSoftware.Release release, VersionNumber version) {
        return release.product() + " " + version + (release.build() == null ? "" : " build " + release.build());
    }

    private Finding verdict(Host host, Advisory advisory, List<KevEntry> exploited, boolean vulnerable,
                            String running, AffectedLine affected, Map<String, String> evidence) {
        if (!vulnerable) {
            return finding(host, advisory, exploited, CheckStatus.PASS, host.name() + ": " + running
                    + " includes the fix for " + advisory.id() + " (" + String.join(", ", advisory.cves()) + ")", evidence);
        }
        StringBuilder message = new StringBuilder(host.name()).append(": ").append(running).append(" is affected by ")
                .append(advisory.id()).append(" (").append(String.join(", ", advisory.cves())).append(")");
        if (advisory.vmEscape()) {
            message.append(", a VM escape");
        }
        if (!exploited.isEmpty()) {
            KevEntry first = exploited.get(0);
            message.append("; KNOWN EXPLOITED (CISA KEV: ")
                    .append(exploited.stream().map(KevEntry::cveId).toList())
                    .append(", added ").append(first.dateAdded()).append(", due ").append(first.dueDate())
                    .append(first.usedByRansomware() ? ", used by ransomware" : "").append(")");
        }
        message.append("; fixed in ").append(affected.fixedRelease());
        if (advisory.note() != null) {
            message.append(". ").append(advisory.note().strip());
        }
        return finding(host, advisory, exploited, CheckStatus.FAIL, message.toString(), evidence);
    }

    private Finding finding(Host host, Advisory advisory, List<KevEntry> exploited, CheckStatus status, String message,
                            Map<String, String> evidence) {
        Severity severity = advisory.severity();
        if (!exploited.isEmpty()) {
            severity = advisory.vmEscape() || severity.atLeast(Severity.HIGH) ? Severity.CRITICAL : Severity.HIGH;
        }
        List<String> frameworks = new ArrayList<>();
        exploited.forEach(e -> frameworks.add("CISA-KEV:" + e.cveId()));
        if (advisory.product().equals("esxi")) {
            frameworks.add("STIG:ESXI-80-000221");
            frameworks.add("STIG:ESXI-70-000072");
        }
        frameworks.add("PCI-DSS-4.0:6.3.3");
        frameworks.add("CIS-Controls-8:7.4");
        return new Finding(HYPERVISOR_CHECK + advisory.id(), new ResourceRef(ObjectType.HOST, host.id(), host.name()),
                status, severity, advisory.title(), message, evidence, frameworks, now());
    }

    private Finding guestLifecycle(VirtualMachine vm) {
        ResourceRef ref = new ResourceRef(ObjectType.VM, vm.id(), vm.name());
        List<String> frameworks = List.of("PCI-DSS-4.0:6.3.3", "CIS-Controls-8:2.2");
        String title = "Guest operating system past its end of support";
        if (!vm.guestOs().isCollected() || vm.guestOs().value() == null) {
            String why = vm.guestOs().isCollected() ? "the hypervisor reported none" : vm.guestOs().reason();
            String collect = why + "; install the guest agent (qemu-guest-agent on KVM, VMware Tools on vSphere) or "
                    + "give the domain libosinfo metadata (<libosinfo:os id='...'/>)";
            return new Finding(GUEST_EOL_CHECK, ref, CheckStatus.NOT_COLLECTED, Severity.HIGH, title,
                    "cannot tell: guest operating system not collected: " + collect,
                    Map.of("missing", "guest operating system", "collect", collect), frameworks, now());
        }
        String guest = vm.guestOs().value();
        Optional<GuestOsLifecycle.GuestSystem> system = lifecycle.find(guest);
        if (system.isEmpty()) {
            String collect = "'" + guest + "' is not in VirtGuard's lifecycle data; check the guest OS the "
                    + "hypervisor reports (libosinfo id or guest agent) and update VirtGuard for newer lifecycle data";
            return new Finding(GUEST_EOL_CHECK, ref, CheckStatus.NOT_COLLECTED, Severity.HIGH, title,
                    "cannot tell: support lifecycle of the guest operating system not known: " + collect,
                    Map.of("guestOs", guest, "missing", "support lifecycle of the guest operating system",
                            "collect", collect), frameworks, now());
        }
        GuestOsLifecycle.GuestSystem s = system.get();
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
        boolean ended = today.isAfter(s.endOfSupport());
        Map<String, String> evidence = Map.of("guestOs", guest, "release", s.name(),
                "endOfSupport", s.endOfSupport().toString(), "source", s.source());
        return new Finding(GUEST_EOL_CHECK, ref, ended ? CheckStatus.FAIL : CheckStatus.PASS, Severity.HIGH, title,
                vm.name() + ": " + s.name() + (ended ? " reached end of support on " : " is supported until ")
                        + s.endOfSupport(), evidence, frameworks, now());
    }

    private Optional<Finding> tools(VirtualMachine vm) {
        Setting status = vm.settings().get("tools.status");
        if (status == null) {
            return Optional.empty();
        }
        ResourceRef ref = new ResourceRef(ObjectType.VM, vm.id(), vm.name());
        String title = "VMware Tools missing or outdated";
        List<String> frameworks = List.of("PCI-DSS-4.0:6.3.3", "CIS-Controls-8:7.4");
        if (!status.isCollected()) {
            String collect = (status.reason() == null ? "the source did not report it" : status.reason())
                    + "; sync the source again with an account allowed to read the guest's tools status";
            return Optional.of(new Finding(TOOLS_CHECK, ref, CheckStatus.NOT_COLLECTED, Severity.MEDIUM, title,
                    "cannot tell: VMware Tools status not collected: " + collect,
                    Map.of("missing", "VMware Tools status", "collect", collect), frameworks, now()));
        }
        String value = String.valueOf(status.value());
        CheckStatus verdict = switch (value) {
            case "toolsOk" -> CheckStatus.PASS;
            case "toolsOld", "toolsNotInstalled" -> CheckStatus.FAIL;
            default -> CheckStatus.NOT_COLLECTED;
        };
        Setting version = vm.settings().get("tools.version");
        return Optional.of(new Finding(TOOLS_CHECK, ref, verdict, Severity.MEDIUM, title,
                vm.name() + ": VMware Tools status " + value + (version == null ? "" : ", version " + version.describe()),
                Map.of("tools.status", value), frameworks, now()));
    }

    private Instant now() {
        return clock.instant();
    }
}
