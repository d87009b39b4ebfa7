package org.virtguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.connector.libvirt.LibvirtDirectoryConnector;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.eval.ScanResult;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.spi.SourceSpec;

/** Scans the real domain XMLs of the corpus through the offline libvirt importer. */
class CorpusScanTest {

    private static Map<String, Set<String>> failuresByVm;
    private static Map<String, List<Finding>> notCollectedByVm;

    @BeforeAll
    static void scan() throws Exception {
        Path root = TestEnvironment.requireCorpus("libvirt/domains");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(files::add);
        }
        Path links = Files.createTempDirectory("virtguard-corpus-links");
        List<org.virtguard.model.Host> hosts = new ArrayList<>();
        List<org.virtguard.model.VirtualMachine> vms = new ArrayList<>();
        List<org.virtguard.model.Network> networks = new ArrayList<>();
        Map<String, String> fileOfVm = new TreeMap<>();
        for (Path file : files) {
            String rel = root.relativize(file).toString();
            Path dir = Files.createDirectory(links.resolve(rel.replace('/', '_')));
            Files.createSymbolicLink(dir.resolve("domain.xml"), file.toAbsolutePath());
            String id = "corpus-" + rel.replace('/', '-');
            try (LibvirtDirectoryConnector c = LibvirtDirectoryConnector.open(
                    new SourceSpec(id, "libvirt-dir://" + dir.toAbsolutePath(), Map.of()))) {
                InventorySnapshot s = c.collect();
                hosts.addAll(s.hosts());
                for (org.virtguard.model.VirtualMachine vm : s.vms()) {
                    vms.add(vm.toBuilder().id(rel).name(rel.replace('/', ':')).build());
                }
                networks.addAll(s.networks());
            }
        }
        Evaluator evaluator = new Evaluator(CheckCatalog.builtIn().checks(), ZonePolicy.empty(), List.of(), Map.of(),
                Clock.systemUTC());
        ScanResult result = evaluator.evaluate(new Inventory(hosts, vms, networks),
                s -> s == CheckStatus.FAIL || s == CheckStatus.NOT_COLLECTED);
        failuresByVm = new TreeMap<>();
        notCollectedByVm = new TreeMap<>();
        for (Finding f : result.findings()) {
            String vm = f.resource().name().contains("/") ? f.resource().name().substring(0, f.resource().name().indexOf('/'))
                    : f.resource().name();
            if (f.status() == CheckStatus.FAIL) {
                failuresByVm.computeIfAbsent(vm, k -> new TreeSet<>()).add(f.checkId());
            } else {
                notCollectedByVm.computeIfAbsent(vm, k -> new ArrayList<>()).add(f);
            }
        }
    }

    private static Set<String> failures(String file) {
        return failuresByVm.getOrDefault(file, Set.of());
    }

    @Test
    void flagsConsolesOpenBeyondLoopbackWithoutPassword() {
        assertThat(failures("libvirt-tests:graphics-vnc.xml")).contains("libvirt-console-open-no-password");
        assertThat(failures("libvirt-tests:graphics-vnc-policy.xml")).contains("libvirt-console-open-no-password");
        assertThat(failures("public:telegraf-cloudstack-r-2825-QA.xml")).contains("libvirt-console-open-no-password");
    }

    /**
     * oVirt's HostedEngine and testComplexVm: a console on listen='0' (every interface) with passwdValidTo but no
     * passwd (dumped without --security-info). Both facts are reported: the FAIL for every interface, and the
     * password NOT_COLLECTED with why and how to collect it, in words without evaluation internals.
     */
    @Test
    void consoleOnEveryInterfaceFailsAndItsHiddenPasswordIsNotCollectedWithTheReason() {
        for (String vm : List.of("public:ovirt-vdsm:hostedengine.xml", "public:ovirt-vdsm:testComplexVm.xml")) {
            assertThat(failures(vm)).as(vm).contains("libvirt-console-every-interface")
                    .doesNotContain("libvirt-console-open-no-password");
            Finding password = notCollectedByVm.getOrDefault(vm, List.of()).stream()
                    .filter(f -> f.checkId().equals("libvirt-console-open-no-password")).findFirst().orElseThrow(
                            () -> new AssertionError(vm + ": no NOT_COLLECTED console password finding"));
            assertThat(password.message()).as(vm)
                    .startsWith("cannot tell: console password not collected: ")
                    .contains("--security-info", "virsh dumpxml")
                    .doesNotContain("<input>", "passwordSet", "not present in map", "Exception");
            assertThat(password.evidence()).as(vm).containsEntry("missing", "console password")
                    .hasEntrySatisfying("collect", c -> assertThat(c).contains("dumped without --security-info"));
        }
        assertThat(failures("public:ovirt-vdsm:vm_hosted_engine_42.xml")).doesNotContain("libvirt-console-every-interface");
    }

    @Test
    void flagsSvirtDisabled() {
        assertThat(failures("libvirt-tests:seclabel-none.xml")).contains("libvirt-svirt-disabled");
        assertThat(failures("public:telegraf-cloudstack-r-2825-QA.xml")).contains("libvirt-svirt-disabled");
    }

    @Test
    void flagsUnfilteredAndDirectNics() {
        assertThat(failures("public:virt-manager:change-nics-in.xml"))
                .contains("libvirt-nic-no-antispoofing", "libvirt-nic-direct-macvtap");
        assertThat(failures("public:ovirt-vdsm:testComplexVm.xml")).contains("libvirt-nic-no-antispoofing");
    }

    @Test
    void flagsPassthroughDevices() {
        assertThat(failures("public:ovirt-vdsm:testSRiovVm.xml")).contains("libvirt-pci-passthrough");
        assertThat(failures("libvirt-tests:hostdev-usb-address.xml")).contains("libvirt-usb-passthrough");
        assertThat(failures("libvirt-tests:usb-redir.xml")).contains("libvirt-usb-redirection");
        assertThat(failures("public:vagrant-libvirt:domain_all_settings.xml"))
                .contains("libvirt-pci-passthrough", "libvirt-usb-passthrough");
        assertThat(failures("libvirt-tests:serial-tcp-telnet-chardev.xml")).contains("libvirt-chardev-network");
    }

    @Test
    void secureNegativeControlsRaiseNoneOfThem() {
        Set<String> hardening = Set.of("libvirt-console-open-no-password", "libvirt-svirt-disabled",
                "libvirt-nic-no-antispoofing", "libvirt-nic-direct-macvtap", "libvirt-pci-passthrough",
                "libvirt-usb-passthrough", "libvirt-usb-redirection", "libvirt-chardev-network");
        for (String secure : List.of("libvirt-tests:graphics-vnc-sasl.xml", "libvirt-tests:graphics-vnc-tls.xml",
                "libvirt-tests:graphics-spice.xml", "libvirt-tests:seclabel-dynamic.xml",
                "libvirt-tests:seclabel-static.xml", "libvirt-tests:seclabel-dynamic-override.xml",
                "libvirt-tests:virtio-rng-random.xml", "libvirt-tests:channel-virtio.xml")) {
            assertThat(failures(secure)).as(secure).doesNotContainAnyElementsOf(hardening);
        }
    }
}
