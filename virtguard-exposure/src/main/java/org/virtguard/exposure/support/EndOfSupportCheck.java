package org.virtguard.exposure.support;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;

/**
 * Whether each host's hypervisor, its vCenter and its distribution are still supported by their vendor. Past the end
 * of all support is a FAIL naming the date and source; past the end of general support but within a later phase
 * says so (FAIL where security fixes stopped, PASS where they continue); a product or version the lifecycle data
 * does not know, or a version that was not collected, is NOT_COLLECTED with the reason — never PASS.
 */
public final class EndOfSupportCheck {

    /** Check id prefix; {@code esxi}, {@code vcenter}, {@code proxmox-ve} or {@code host-os} follows. */
    public static final String CHECK = "exposure.end-of-support.";
    /** Host component versions naming the distribution, as in {@code /etc/os-release} ({@code ID}, {@code VERSION_ID}). */
    public static final String OS_ID = "os.id";
    public static final String OS_VERSION = "os.version";
    private static final List<String> FRAMEWORKS = List.of("PCI-DSS-4.0:6.3.3", "CIS-Controls-8:2.2",
            "NIST-800-53:SA-22");

    private final ProductLifecycle lifecycle;
    private final Clock clock;

    public EndOfSupportCheck(ProductLifecycle lifecycle, Clock clock) {
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** Every check id this class reports. */
    public static List<String> checkIds() {
        return List.of(CHECK + "esxi", CHECK + "vcenter", CHECK + "proxmox-ve", CHECK + "host-os");
    }

    public List<Finding> scan(Host host) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> c = host.componentVersions();
        if (host.hypervisor() == HypervisorKind.ESXI) {
            String version = first(c.get("esxi"), host.productVersion());
            findings.add(product(host, "esxi", "ESXi", version, "the ESXi version was not collected"));
        }
        if (c.containsKey("vcenter")) {
            findings.add(product(host, "vcenter", "vCenter Server", c.get("vcenter"),
                    "the version of the managing vCenter was not collected"));
        }
        String pve = first(c.get("proxmox-ve"), c.get("pve-manager"));
        if (pve != null) {
            findings.add(product(host, "proxmox-ve", "Proxmox VE", pve, "the Proxmox VE version was not collected"));
        }
        if (runsHostOs(host)) {
            findings.add(hostOs(host));
        }
        return findings;
    }

    private static boolean runsHostOs(Host host) {
        return switch (host.hypervisor()) {
            case KVM, QEMU, XEN, LXC -> true;
            default -> host.componentVersions().containsKey(OS_ID);
        };
    }

    private Finding hostOs(Host host) {
        String id = host.componentVersions().get(OS_ID);
        String version = host.componentVersions().get(OS_VERSION);
        if (id == null || version == null) {
            Map<String, String> evidence = Map.of("reason", "distribution not collected");
            return finding(host, "host-os", CheckStatus.NOT_COLLECTED, Severity.HIGH,
                    host.name() + ": the host's distribution and release were not collected, so its end of support "
                            + "cannot be checked. The libvirt connector does not read the host's /etc/os-release; "
                            + "record it as the host component versions os.id and os.version (ID and VERSION_ID, "
                            + "e.g. debian / 12) from an agent or an inventory import", evidence);
        }
        return decide(host, id.strip().toLowerCase(Locale.ROOT), "host-os", id + " " + version, version);
    }

    private Finding product(Host host, String product, String label, String version, String missing) {
        if (version == null || version.isBlank()) {
            return finding(host, product, CheckStatus.NOT_COLLECTED, Severity.HIGH, host.name() + ": " + missing
                    + ", so its end of support cannot be checked", Map.of("product", product));
        }
        return decide(host, product, product, label + " " + version, version);
    }

    private Finding decide(Host host, String product, String checkSuffix, String running, String version) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("product", product);
        evidence.put("version", version);
        Optional<SupportRelease> row = lifecycle.find(product, version);
        if (row.isEmpty()) {
            evidence.put("lifecycleData", lifecycle.origin());
            return finding(host, checkSuffix, CheckStatus.NOT_COLLECTED, Severity.HIGH, host.name() + ": " + running
                    + " — its support lifecycle is not in VirtGuard's lifecycle data (" + lifecycle.origin()
                    + "), so whether it is still supported is unknown; add a row with the vendor's dates",
                    evidence);
        }
        SupportRelease r = row.get();
        evidence.put("release", r.name());
        evidence.put("endOfGeneralSupport", r.endOfGeneralSupport());
        evidence.put("endOfSupport", r.endOfSupport());
        evidence.put("source", r.source());
        evidence.put("sourceRecord", r.product() + " " + r.line());
        evidence.put("dataDate", r.retrieved());
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
        String cite = " (source: " + r.source() + ", retrieved " + r.retrieved() + ")";
        if (today.isAfter(r.supportLastDay())) {
            return finding(host, checkSuffix, CheckStatus.FAIL, Severity.HIGH, host.name() + ": " + r.name()
                    + " is past its end of support on " + r.endOfSupport()
                    + (r.endOfSupport().equals(r.endOfGeneralSupport()) ? ""
                    : " (general support ended " + r.endOfGeneralSupport() + ")")
                    + "; the vendor publishes no more fixes for it" + cite, evidence);
        }
        if (today.isAfter(r.generalSupportLastDay())) {
            String message = host.name() + ": " + r.name() + " is past its end of general support on "
                    + r.endOfGeneralSupport() + " but within " + r.afterGeneralSupport() + " until "
                    + r.endOfSupport() + cite;
            return r.generalSupportEndsFixes()
                    ? finding(host, checkSuffix, CheckStatus.FAIL, Severity.MEDIUM, message, evidence)
                    : finding(host, checkSuffix, CheckStatus.PASS, Severity.MEDIUM, message, evidence);
        }
        return finding(host, checkSuffix, CheckStatus.PASS, Severity.HIGH, host.name() + ": " + r.name()
                + " is in general support until " + r.endOfGeneralSupport() + cite, evidence);
    }

    private Finding finding(Host host, String suffix, CheckStatus status, Severity severity, String message,
                            Map<String, String> evidence) {
        return new Finding(CHECK + suffix, new ResourceRef(ObjectType.HOST, host.id(), host.name()), status, severity,
                "Host software past its vendor's end of support", message, evidence, FRAMEWORKS, clock.instant());
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
