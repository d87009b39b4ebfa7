package org.virtguard.cli.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.vsphere.vcsim.CuttingProxy;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.cli.VirtGuardCommand;
import org.virtguard.service.sync.LiveInventoryUpdater;
import org.virtguard.connector.vsphere.VsphereConnectorFactory;
import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapTransport;
import org.virtguard.connector.vsphere.soap.SoapWriter;
import org.virtguard.connector.vsphere.soap.TlsPolicy;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import picocli.CommandLine;

/**
 * {@code virtguard inventory sync --source vsphere://...} against vcsim, as a user runs it: listing, failures that
 * keep the previous snapshot, and a relocation recorded from the live feed without a full resync.
 */
class VsphereInventoryCliTest {

    private static VcsimServer vcsim;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        vcsim = VcsimServer.start(List.of());
    }

    @AfterAll
    static void stop() {
        if (vcsim != null) {
            vcsim.close();
        }
    }

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    private Run cli(Map<String, String> env, String... args) {
        CommandLine cli = VirtGuardCommand.commandLine(env, Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--data-dir", temp.resolve("data").toString()));
        all.addAll(List.of(args));
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    private String uri(int port, String thumbprint) {
        return "vsphere://" + VcsimServer.USER + "@127.0.0.1:" + port + "?thumbprint=" + thumbprint.replace(":", "");
    }

    private Path config(int port, String thumbprint) throws Exception {
        Path file = temp.resolve("virtguard-" + port + "-" + thumbprint.hashCode() + ".yaml");
        Files.writeString(file, """
                sources:
                  - id: vc01
                    uri: vsphere://%s@127.0.0.1:%d
                    options: {thumbprint: "%s"}
                    credentials:
                      passwordEnv: VC01_PASSWORD
                """.formatted(VcsimServer.USER, port, thumbprint));
        return file;
    }

    @Test
    void syncListsHostsVmsPortGroupsAndTheirSettings() {
        Map<String, String> env = Map.of("VC_PASSWORD", vcsim.password());
        Run sync = cli(env, "inventory", "sync", "--source", uri(vcsim.port(), vcsim.sha256Thumbprint()),
                "--source-password-env", "VC_PASSWORD");
        assertThat(sync.code()).as(sync.toString()).isZero();
        assertThat(sync.toString()).doesNotContain(vcsim.password());

        Run hosts = cli(env, "inventory", "list", "hosts");
        assertThat(hosts.out()).contains("DC0_C0_H0", "DC0_H0");
        Run hostJson = cli(env, "inventory", "list", "hosts", "--format", "json");
        assertThat(hostJson.out()).contains("Config.HostAgent.log.level", "vmk.vmk0.portgroup", "Management Network",
                "service.TSM-SSH.running", "lockdown.mode");
        Run networks = cli(env, "inventory", "list", "networks");
        assertThat(networks.out()).contains("VM Network", "DC0_DVPG0", "FORGED TX");
        assertThat(networks.out().lines().filter(l -> l.startsWith("VM Network")).findFirst().orElseThrow())
                .as("vcsim's vSwitch0 accepts forged transmits and MAC changes").containsPattern("reject +accept +accept");
        Run vms = cli(env, "inventory", "list", "vms");
        assertThat(vms.out()).contains("DC0_C0_RP0_VM0");
        Run show = cli(env, "inventory", "show", "DC0_C0_RP0_VM0");
        assertThat(show.code()).as(show.toString()).isZero();
    }

    @Test
    void wrongPasswordThumbprintMismatchAndADroppedConnectionKeepThePreviousSnapshot() throws Exception {
        Map<String, String> good = Map.of("VC01_PASSWORD", vcsim.password());
        Run first = cli(good, "--config", config(vcsim.port(), vcsim.sha256Thumbprint()).toString(), "inventory", "sync");
        assertThat(first.code()).as(first.toString()).isZero();
        String vmsBefore = cli(good, "inventory", "list", "vms").out();
        assertThat(vmsBefore).contains("DC0_C0_RP0_VM0");

        Run wrongPassword = cli(Map.of("VC01_PASSWORD", "not-the-password"), "--config",
                config(vcsim.port(), vcsim.sha256Thumbprint()).toString(), "inventory", "sync");
        assertThat(wrongPassword.code()).as(wrongPassword.toString()).isNotZero();
        assertThat(wrongPassword.toString()).contains("login refused").doesNotContain("not-the-password");

        String wrongPrint = "AA".repeat(31) + "AB";
        Run mismatch = cli(good, "--config", config(vcsim.port(), wrongPrint).toString(), "inventory", "sync");
        assertThat(mismatch.code()).as(mismatch.toString()).isNotZero();
        assertThat(mismatch.toString()).contains("thumbprint mismatch");

        try (CuttingProxy proxy = new CuttingProxy(vcsim.port(), 40_000)) {
            Run dropped = cli(good, "--config", config(proxy.port(), vcsim.sha256Thumbprint()).toString(), "inventory", "sync");
            assertThat(dropped.code()).as(dropped.toString()).isNotZero();
            assertThat(dropped.toString()).contains("lost");
        }

        assertThat(cli(good, "inventory", "list", "vms").out()).contains("DC0_C0_RP0_VM0");
        assertThat(cli(good, "inventory", "list", "hosts").out()).contains("DC0_C0_H0");
    }

    @Test
    void aRelocationReachesTheStoreAsAHostMoveWithoutAFullResync() throws Exception {
        SourceSpec spec = new SourceSpec("vc-live", uri(vcsim.port(), vcsim.sha256Thumbprint()), Map.of());
        Credentials credentials = new Credentials() {
            @Override
            public java.util.Optional<String> username() {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<char[]> password() {
                return java.util.Optional.of(vcsim.password().toCharArray());
            }
        };
        List<InventoryChange> recorded = new CopyOnWriteArrayList<>();
        Path dataDir = temp.resolve("data");
        try (Store store = Store.open(StoreConfig.embedded(dataDir));
             InventoryConnector connector = new VsphereConnectorFactory().open(spec, credentials);
             LiveInventoryUpdater updater = new LiveInventoryUpdater(store.inventory(), Clock.systemUTC(),
                     recorded::addAll, m -> { });
             Vim25Client driver = driver()) {
            store.inventory().applySync(List.of(connector.collect()), List.of(), Clock.systemUTC().instant());
            assertThat(updater.follow(connector)).isTrue();

            ManagedObjectRef view = driver.createContainerView(List.of("VirtualMachine"));
            List<ObjectContent> vms = new ArrayList<>();
            driver.retrieveFromView(view, List.of(new PropertyRequest("VirtualMachine",
                    List.of("name", "runtime.host", "resourcePool"))), vms::add);
            ObjectContent vm = vms.stream().filter(v -> "DC0_C0_RP0_VM0".equals(v.text("name"))).findFirst().orElseThrow();
            ManagedObjectRef from = Xml.ref(vm.get("runtime.host"));
            ManagedObjectRef hostView = driver.createContainerView(List.of("HostSystem"));
            List<ObjectContent> hosts = new ArrayList<>();
            driver.retrieveFromView(hostView, List.of(new PropertyRequest("HostSystem", List.of("name", "parent"))),
                    hosts::add);
            ManagedObjectRef to = hosts.stream().filter(h -> h.text("name").startsWith("DC0_C0_"))
                    .map(ObjectContent::obj).filter(h -> !h.equals(from)).findFirst().orElseThrow();
            Thread.sleep(500);

            String body = new SoapWriter("RelocateVM_Task", vm.obj()).open("spec", null)
                    .ref("pool", Xml.ref(vm.get("resourcePool"))).ref("host", to).close("spec").build();
            transport.call("RelocateVM_Task", body);

            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end && recorded.stream().noneMatch(c -> c.type() == ChangeType.MOVED_HOST)) {
                Thread.sleep(20);
            }
            assertThat(recorded).as("changes recorded by the live updater")
                    .anyMatch(c -> c.type() == ChangeType.MOVED_HOST);
        }
        Run changes = cli(Map.of(), "inventory", "changes");
        assertThat(changes.out()).as(changes.toString()).contains("MOVED_HOST").contains("DC0_C0_RP0_VM0");
    }

    private SoapTransport transport;

    private Vim25Client driver() throws Exception {
        transport = new SoapTransport(URI.create("https://127.0.0.1:" + vcsim.port() + "/sdk"), "6.5",
                TlsPolicy.thumbprint(vcsim.sha256Thumbprint()), Duration.ofSeconds(10), Duration.ofSeconds(60));
        Vim25Client c = new Vim25Client(transport, cl -> cl.login(VcsimServer.USER, vcsim.password().toCharArray()));
        c.connect();
        return c;
    }
}
