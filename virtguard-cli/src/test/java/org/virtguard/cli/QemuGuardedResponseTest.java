package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StoragePool;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.PowerState;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.StoredVm;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.StoredAction;

/**
 * Guarded response on a real QEMU host, through the service as {@code serve} runs it and its API: one admin requests,
 * the requester cannot approve, a second admin approves, and the result is checked in libvirt itself.
 * <ul>
 *   <li>Redeploy from a shut-off golden domain: the running VM is replaced by a domain with its name, a fresh UUID
 *       and MAC, on its network, running from a copy of the golden qcow2 (made with {@code qemu-img}) that libvirt's
 *       storage driver cloned in the pool; the old VM is kept, powered off, under the retired name with its own disk;
 *       the golden image is untouched.</li>
 *   <li>Quarantine by nwfilter because the response policy says so ({@code quarantine.method: nwfilter}): the drop-all
 *       filter is on every vNIC of the running domain, live; release takes it off again.</li>
 * </ul>
 * Runs against {@code VIRTGUARD_TEST_QEMU_URI} ({@code qemu:///system}, as root: the test makes a storage pool
 * directory under {@code /var/lib/libvirt/images}); skips loudly without it and fails when
 * {@code VIRTGUARD_REQUIRE_SERVICES=1}. Everything it defines is named {@code vg-test-guarded-<random>-*} and removed.
 */
class QemuGuardedResponseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int XML_INACTIVE = 2;
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images");
    private static final int CLEAN_UP_ATTEMPTS = 15;

    @TempDir
    Path temp;

    private String uri;
    private String prefix;
    private Connect libvirt;
    private final List<String> domains = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<String> filters = new ArrayList<>();
    private String pool;
    private Path poolDir;

    @BeforeEach
    void requireQemu() throws LibvirtException {
        LabCopy.requireLibvirt();
        uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (VIRTGUARD_TEST_QEMU_URI, "
                + "exported by ./run-tests)");
        TestEnvironment.require(uri.equals("qemu:///system") && "root".equals(System.getProperty("user.name")),
                "root on the libvirtd host of qemu:///system (the test makes a storage pool directory)");
        prefix = "vg-test-guarded-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        libvirt = new Connect(uri);
    }

    @Test
    void redeployReplacesTheVmWithAFreshCopyOfTheShutOffGoldenDomainAfterASecondAdminApproves() throws Exception {
        String net = network("net");
        pool = prefix + "-pool";
        poolDir = IMAGES.resolve(pool);
        Files.createDirectories(poolDir);
        StoragePool p = libvirt.storagePoolDefineXML("<pool type='dir'><name>" + pool + "</name><target><path>"
                + poolDir + "</path></target></pool>", 0);
        p.create(0);
        Path goldenDisk = poolDir.resolve("golden.qcow2");
        Path webDisk = poolDir.resolve("web.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", goldenDisk.toString(), "16M");
        qemuImg("create", "-q", "-f", "qcow2", webDisk.toString(), "16M");
        p.refresh(0);
        String goldenName = prefix + "-golden";
        String webName = prefix + "-web";
        define(goldenName, UUID.randomUUID().toString(), net, "52:54:00:0a:00:01", goldenDisk);
        String webUuid = UUID.randomUUID().toString();
        define(webName, webUuid, net, "52:54:00:0a:00:02", webDisk);
        libvirt.domainLookupByName(webName).create();
        String goldenBefore = qemuImg("info", "--output=json", goldenDisk.toString());

        ConfiguredSource source = new ConfiguredSource(new SourceSpec("kvm-guarded", uri, Map.of()), Credentials.none());
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source), null, """
                redeploy:
                  templates:
                    - {vms: "%s", template: %s}
                """.formatted(webName, goldenName), "30d")) {
            awaitVm(h, webName);
            long id = request(h, "{\"action\": \"redeploy\", \"vm\": \"" + webName + "\", \"reason\": \"rootkit\"}");
            StoredAction pending = h.response.find(id).orElseThrow();
            assertThat(pending.request().plan()).anySatisfy(s -> assertThat(s).startsWith(
                    "copy template disk vda (" + goldenDisk + ", qcow2) to a new volume " + webName + "-vda-"));
            String retired = pending.request().parameters().get("retiredName");
            domains.add(retired);
            assertThat(h.post("alice", "/api/v1/responses/" + id + "/approve", "{}").statusCode())
                    .as("the requester cannot approve").isEqualTo(403);
            assertThat(libvirt.domainLookupByName(webName).getUUIDString()).isEqualTo(webUuid);

            approve(h, id);

            Domain fresh = libvirt.domainLookupByName(webName);
            assertThat(fresh.getUUIDString()).isNotEqualTo(webUuid);
            assertThat(fresh.isActive()).as("the new VM runs").isEqualTo(1);
            String freshXml = fresh.getXMLDesc(0);
            String freshDisk = freshXml.replaceAll("(?s).*<source file='([^']+)'.*", "$1");
            assertThat(Path.of(freshDisk).getParent()).isEqualTo(poolDir);
            assertThat(freshDisk).isNotIn(goldenDisk.toString(), webDisk.toString()).startsWith(
                    poolDir.resolve(webName + "-vda-").toString());
            assertThat(qemuImg("info", "-U", "--output=json", freshDisk)).contains("\"format\": \"qcow2\"")
                    .doesNotContain("backing-filename");
            assertThat(freshXml).contains("<source network='" + net + "'").doesNotContain("52:54:00:0a:00:01")
                    .doesNotContain("52:54:00:0a:00:02").contains("from=\"" + goldenName + "\"");
            Domain kept = libvirt.domainLookupByName(retired);
            assertThat(kept.isActive()).as("the replaced VM is kept, powered off").isZero();
            assertThat(kept.getXMLDesc(XML_INACTIVE)).contains("<source file='" + webDisk + "'/>")
                    .contains("52:54:00:0a:00:02");
            Domain golden = libvirt.domainLookupByName(goldenName);
            assertThat(golden.isActive()).isZero();
            assertThat(golden.getXMLDesc(XML_INACTIVE)).contains("<source file='" + goldenDisk + "'/>");
            assertThat(qemuImg("info", "--output=json", goldenDisk.toString())).isEqualTo(goldenBefore);
            StoredVm stored = h.store.inventory().findVm(fresh.getUUIDString()).orElseThrow();
            assertThat(stored.vm().name()).isEqualTo(webName);
            assertThat(stored.vm().powerState()).isEqualTo(PowerState.RUNNING);
        }
    }

    @Test
    void theResponsePolicyQuarantinesByNwfilterLiveAndReleaseTakesTheFilterOff() throws Exception {
        String net = network("net");
        String filter = prefix + "-drop";
        filters.add(filter);
        String vmName = prefix + "-vm";
        define(vmName, UUID.randomUUID().toString(), net, "52:54:00:0b:00:01", null);
        Domain vm = libvirt.domainLookupByName(vmName);
        vm.create();
        int qemuId = vm.getID();

        ConfiguredSource source = new ConfiguredSource(new SourceSpec("kvm-guarded", uri, Map.of()), Credentials.none());
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source), null, """
                quarantine:
                  method: nwfilter
                  filter: %s
                """.formatted(filter), "30d")) {
            awaitVm(h, vmName);
            long id = request(h, "{\"action\": \"quarantine\", \"vm\": \"" + vmName + "\"}");
            assertThat(h.response.find(id).orElseThrow().request().plan())
                    .contains("NIC 52:54:00:0b:00:01: no filter -> filter " + filter + " (live)");
            approve(h, id);
            assertThat(vm.getXMLDesc(0)).contains("<filterref filter='" + filter + "'/>")
                    .contains("<source network='" + net + "'");
            assertThat(vm.getXMLDesc(XML_INACTIVE)).contains("<filterref filter='" + filter + "'/>");
            assertThat(virsh("nwfilter-binding-list")).contains(filter);
            assertThat(vm.getID()).as("not restarted").isEqualTo(qemuId);

            approve(h, request(h, "{\"action\": \"release\", \"vm\": \"" + vmName + "\"}"));
            assertThat(vm.getXMLDesc(0)).doesNotContain("filterref");
            assertThat(vm.getXMLDesc(XML_INACTIVE)).doesNotContain("filterref");
            assertThat(virsh("nwfilter-binding-list")).doesNotContain(filter);
        }
    }

    @AfterEach
    void removeWhatTheTestDefined() throws Exception {
        if (libvirt == null) {
            return;
        }
        libvirt.close();
        for (int attempt = 1; attempt <= CLEAN_UP_ATTEMPTS && !cleanUpOnce(); attempt++) {
            Thread.sleep(2_000);
        }
        if (poolDir != null && Files.isDirectory(poolDir)) {
            try (var files = Files.list(poolDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(poolDir);
        }
    }

    /**
     * Removes what the test defined over a fresh connection; false when the daemon could not be asked (another test
     * may be restarting it), so that the caller tries again.
     */
    private boolean cleanUpOnce() {
        Connect c;
        try {
            c = new Connect(uri);
        } catch (LibvirtException e) {
            return false;
        }
        boolean done = true;
        try {
            for (String name : domains) {
                done &= quietly(() -> {
                    Domain d = c.domainLookupByName(name);
                    if (d.isActive() == 1) {
                        d.destroy();
                    }
                    d.undefine(2);
                });
            }
            for (String name : networks) {
                done &= quietly(() -> {
                    Network n = c.networkLookupByName(name);
                    if (n.isActive() == 1) {
                        n.destroy();
                    }
                    n.undefine();
                });
            }
            for (String name : filters) {
                done &= quietly(() -> c.networkFilterLookupByName(name).undefine());
            }
            if (pool != null) {
                done &= quietly(() -> {
                    StoragePool p = c.storagePoolLookupByName(pool);
                    if (p.isActive() == 1) {
                        p.destroy();
                    }
                    p.undefine();
                });
            }
        } finally {
            try {
                c.close();
            } catch (LibvirtException e) {
                done = false;
            }
        }
        return done;
    }

    private String network(String role) throws LibvirtException {
        String name = prefix + "-" + role;
        networks.add(name);
        libvirt.networkDefineXML("<network><name>" + name + "</name></network>").create();
        return name;
    }

    private void define(String name, String uuid, String network, String mac, Path disk) throws LibvirtException {
        domains.add(name);
        libvirt.domainDefineXML("""
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <features><acpi/></features>
                  <devices>
                    %s
                    <interface type='network'><mac address='%s'/><source network='%s'/><model type='e1000'/></interface>
                  </devices>
                  <seclabel type='none'/>
                </domain>""".formatted(name, uuid, disk == null ? "" : "<disk type='file' device='disk'><driver "
                + "name='qemu' type='qcow2'/><source file='" + disk + "'/><target dev='vda' bus='virtio'/></disk>",
                mac, network));
    }

    private static void awaitVm(GuardedServiceHarness h, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (h.store.inventory().findVm(name).filter(v -> v.vm().powerState() == PowerState.RUNNING).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not in the inventory as running; log " + h.log);
            }
            Thread.sleep(50);
        }
    }

    /** Alice files the action through the API; returns its id. */
    private static long request(GuardedServiceHarness h, String body) throws IOException, InterruptedException {
        HttpResponse<String> requested = h.post("alice", "/api/v1/responses", body);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        return h.response.list(Set.of(ActionStatus.PENDING), 1).get(0).id();
    }

    /** Bob, a second admin, approves; the action must have run. */
    private static void approve(GuardedServiceHarness h, long id) throws IOException, InterruptedException {
        HttpResponse<String> approved = h.post("bob", "/api/v1/responses/" + id + "/approve", "{\"note\": \"ok\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        StoredAction done = h.response.find(id).orElseThrow();
        assertThat(done.status()).as(String.valueOf(done.outcome())).isEqualTo(ActionStatus.EXECUTED);
    }

    private String virsh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", uri));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String qemuImg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** Runs one clean-up step; false when libvirt failed for another reason than the object being gone already. */
    private static boolean quietly(Work work) {
        try {
            work.run();
            return true;
        } catch (LibvirtException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("not found") || message.contains("no ") && message.contains("with matching")) {
                return true;
            }
            System.err.println("QemuGuardedResponseTest cleanup: " + e.getMessage());
            return false;
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws LibvirtException;
    }
}
