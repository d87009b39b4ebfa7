package org.virtguard.connector.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.connector.vsphere.vcsim.CuttingProxy;
import org.virtguard.connector.vsphere.vcsim.TestCredentials;
import org.virtguard.connector.vsphere.vcsim.VcsimDriver;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.model.CollectionStatus;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.SettingType;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.VmEvent;

/** Drives vcsim into insecure states and checks what the connector reports; and how it fails. */
class VcsimScenarioTest {

    private static VcsimServer vcsim;
    private static VcsimDriver driver;

    @BeforeAll
    static void start() throws Exception {
        vcsim = VcsimServer.start(3, 1, 2);
        driver = new VcsimDriver(vcsim);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.close();
        }
        if (vcsim != null) {
            vcsim.close();
        }
    }

    private static InventoryConnector connector(String uri, Map<String, String> options, String password)
            throws ConnectorException {
        return new VsphereConnectorFactory().open(new SourceSpec("vc-sim", uri, options),
                new TestCredentials(null, password));
    }

    private static InventoryConnector pinned() throws ConnectorException {
        return connector(vcsim.sourceUri(), Map.of("thumbprint", vcsim.sha256Thumbprint()), vcsim.password());
    }

    @Test
    void hostsCarryAdvancedSettingsServicesLockdownAndVmkernelNics() throws Exception {
        try (InventoryConnector c = pinned()) {
            InventorySnapshot s = c.collect();
            assertThat(s.hosts()).hasSize(4).allSatisfy(h -> {
                assertThat(h.id()).startsWith("vsphere:").contains(":host-");
                assertThat(h.productName()).isEqualTo("VMware ESXi");
                assertThat(h.componentVersions()).containsKeys("esxi", "esxi.build", "vcenter");
                assertThat(h.setting("Config.HostAgent.log.level").value()).isEqualTo("info");
                assertThat(h.setting("service.TSM-SSH.running").asBoolean()).isPresent();
                assertThat(h.setting("service.TSM.policy").value()).isEqualTo("off");
                assertThat(h.setting("lockdown.mode").value()).isEqualTo("lockdownDisabled");
                assertThat(h.setting("vmk.devices").value()).contains("vmk0");
                assertThat(h.setting("vmk.vmk0.portgroup").value()).isEqualTo("Management Network");
                assertThat(h.setting("vmk.vmk0.ip").value()).isEqualTo("127.0.0.1/8");
                assertThat(h.setting("firewall.sshServer.enabled").asBoolean()).isPresent();
                assertThat(h.settings().get("ntp.servers").status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
            });
            assertThat(s.sites()).isNotEmpty();
            assertThat(s.clusters()).singleElement().satisfies(cl -> assertThat(cl.settings()).containsKey("drs.enabled"));
            assertThat(s.hosts().stream().filter(h -> h.clusterId() != null)).hasSize(3);
        }
    }

    @Test
    void standardPortGroupsReportTheEffectivePolicyOfVcsimsVswitch() throws Exception {
        try (InventoryConnector c = pinned()) {
            InventorySnapshot s = c.collect();
            Network vmNetwork = s.networks().stream()
                    .filter(n -> n.kind() == NetworkKind.STANDARD_PORT_GROUP && n.name().equals("VM Network"))
                    .findFirst().orElseThrow();
            assertThat(vmNetwork.hostId()).isNotNull();
            assertThat(vmNetwork.id()).isEqualTo(vmNetwork.hostId() + "/pg/VM Network");
            assertThat(vmNetwork.switchName()).isEqualTo("vSwitch0");
            assertThat(vmNetwork.l2Policy().forgedTransmitsAllowed().value()).isTrue();
            assertThat(vmNetwork.l2Policy().macChangesAllowed().value()).isTrue();
            assertThat(vmNetwork.l2Policy().promiscuousAllowed().value()).isFalse();
        }
    }

    @Test
    void forgedTransmitsAndPromiscuousAcceptedOnADvPortGroupAreReported() throws Exception {
        ObjectContent pg = driver.all("DistributedVirtualPortgroup", "name").stream()
                .filter(p -> !p.text("name").contains("Uplink")).findFirst().orElseThrow();
        driver.setDvPortgroupSecurity(pg.obj(), true, true, false);
        try (InventoryConnector c = pinned()) {
            Network n = c.collect().networks().stream().filter(x -> x.name().equals(pg.text("name"))).findFirst()
                    .orElseThrow();
            assertThat(n.kind()).isEqualTo(NetworkKind.DISTRIBUTED_PORT_GROUP);
            assertThat(n.hostId()).isNull();
            assertThat(n.switchName()).isNotBlank();
            assertThat(n.l2Policy().promiscuousAllowed().value()).isTrue();
            assertThat(n.l2Policy().forgedTransmitsAllowed().value()).isTrue();
            assertThat(n.l2Policy().macChangesAllowed().value()).isFalse();
        }
        driver.setDvPortgroupSecurity(pg.obj(), false, false, false);
        try (InventoryConnector c = pinned()) {
            Network n = c.collect().networks().stream().filter(x -> x.name().equals(pg.text("name"))).findFirst()
                    .orElseThrow();
            assertThat(n.l2Policy().forgedTransmitsAllowed().value()).isFalse();
        }
    }

    @Test
    void extraConfigKeysSetOnAVmAreReportedVerbatim() throws Exception {
        ObjectContent vm = driver.all("VirtualMachine", "name", "config.instanceUuid").get(0);
        driver.setExtraConfig(vm.obj(), "isolation.tools.copy.disable", "false");
        driver.setExtraConfig(vm.obj(), "RemoteDisplay.maxConnections", "5");
        driver.setCustomAttribute(vm.obj(), "owner", "payments-team");
        try (InventoryConnector c = pinned()) {
            VirtualMachine mapped = c.collectVm(vm.text("config.instanceUuid")).orElseThrow();
            assertThat(mapped.settings().get("isolation.tools.copy.disable").value()).isEqualTo("false");
            assertThat(mapped.settings().get("RemoteDisplay.maxConnections").value()).isEqualTo("5");
            assertThat(mapped.settings().get("vm.hardwareVersion").value()).startsWith("vmx-");
            assertThat(mapped.labels()).containsEntry("attr.owner", "payments-team");
            assertThat(mapped.nics()).isNotEmpty().allSatisfy(nic -> assertThat(nic.attachment())
                    .isIn(NicAttachment.STANDARD_PORT_GROUP, NicAttachment.DISTRIBUTED_PORT_GROUP));
            VirtualMachine fromCollect = c.collect().vms().stream().filter(v -> v.id().equals(mapped.id())).findFirst()
                    .orElseThrow();
            assertThat(fromCollect.settings()).isEqualTo(mapped.settings());
        }
    }

    @Test
    void aRelocationArrivesThroughTheLiveFeedAsAMigration() throws Exception {
        List<ObjectContent> hosts = driver.all("HostSystem", "name", "parent");
        Map<String, ObjectContent> byRef = new HashMap<>();
        hosts.forEach(h -> byRef.put(h.obj().value(), h));
        ObjectContent vm = driver.all("VirtualMachine", "config.instanceUuid", "runtime.host", "resourcePool").stream()
                .filter(v -> "ClusterComputeResource".equals(Xml.ref(byRef.get(Xml.ref(v.get("runtime.host")).value())
                        .get("parent")).type()))
                .findFirst().orElseThrow();
        ManagedObjectRef from = Xml.ref(vm.get("runtime.host"));
        ManagedObjectRef cluster = Xml.ref(byRef.get(from.value()).get("parent"));
        ManagedObjectRef to = hosts.stream().filter(h -> cluster.equals(Xml.ref(h.get("parent"))))
                .map(ObjectContent::obj).filter(h -> !h.equals(from)).findFirst().orElseThrow();
        String vmId = vm.text("config.instanceUuid").toLowerCase();

        RecordingListener listener = new RecordingListener();
        try (InventoryConnector c = pinned()) {
            Optional<LiveFeed> feed = c.watch(listener);
            assertThat(feed).isPresent();
            assertThat(RecordingListener.await(() -> feed.get().connected(), 20_000)).isTrue();
            driver.relocate(vm.obj(), to, Xml.ref(vm.get("resourcePool")));
            assertThat(RecordingListener.await(() -> listener.events.stream()
                    .anyMatch(e -> e.vmId().equals(vmId) && e.kind() == VmEvent.Kind.MIGRATED), 20_000))
                    .as("MIGRATED event for %s, got %s", vmId, listener.events).isTrue();
            assertThat(c.collectVm(vmId).orElseThrow().hostId()).endsWith(":" + to.value());
            feed.get().close();
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatDoesNotEchoIt() throws Exception {
        try (InventoryConnector c = connector(vcsim.sourceUri(), Map.of("thumbprint", vcsim.sha256Thumbprint()),
                "Wr0ng-Secret-123")) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, c::collect);
            assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).contains("vc-sim").contains("login refused")
                    .doesNotContain("Wr0ng-Secret-123").doesNotContain("\n");
        }
    }

    @Test
    void aThumbprintMismatchIsATlsFailure() throws Exception {
        String wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
        try (InventoryConnector c = connector(vcsim.sourceUri(), Map.of("thumbprint", wrong), vcsim.password())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, c::collect);
            assertThat(e.code()).isEqualTo(ErrorCode.TLS_VERIFICATION_FAILED);
            assertThat(e.getMessage()).contains("thumbprint mismatch").contains(vcsim.sha256Thumbprint());
        }
    }

    @Test
    void theSystemTrustStoreRefusesVcsimsSelfSignedCertificate() throws Exception {
        try (InventoryConnector c = connector(vcsim.sourceUri(), Map.of(), vcsim.password())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, c::collect);
            assertThat(e.code()).isEqualTo(ErrorCode.TLS_VERIFICATION_FAILED);
        }
    }

    @Test
    void aSha1PinAndTheExplicitInsecureModeBothConnectAndInsecureIsFlaggedEveryRun() throws Exception {
        try (InventoryConnector c = connector(vcsim.sourceUri(), Map.of("thumbprint", vcsim.sha1Thumbprint()),
                vcsim.password())) {
            assertThat(c.collect().warnings()).noneMatch(w -> w.code() == ErrorCode.TLS_VERIFICATION_FAILED);
        }
        String insecure = vcsim.sourceUri().replace("vsphere://", "vsphere+insecure://");
        try (InventoryConnector c = connector(insecure, Map.of(), vcsim.password())) {
            assertThat(c.collect().warnings()).anySatisfy(w -> assertThat(w.message()).contains("verification is disabled"));
            assertThat(c.collect().warnings()).anySatisfy(w -> assertThat(w.message()).contains("verification is disabled"));
        }
    }

    @Test
    void aConnectionDroppedMidSyncFailsTheWholeCollection() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(vcsim.port(), 40_000);
             InventoryConnector c = connector("vsphere://virtguard@127.0.0.1:" + proxy.port(),
                     Map.of("thumbprint", vcsim.sha256Thumbprint()), vcsim.password())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, c::collect);
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(e.getMessage()).contains("vc-sim").doesNotContain("\n");
        }
    }

    @Test
    void migrationAndLoginEventsAreReadFromTheEventHistory() throws Exception {
        List<ObjectContent> hosts = driver.all("HostSystem", "name");
        ObjectContent vm = driver.all("VirtualMachine", "name", "runtime.host").get(0);
        ObjectContent other = hosts.stream().filter(h -> !h.obj().equals(Xml.ref(vm.get("runtime.host")))).findFirst()
                .orElseThrow();
        ObjectContent current = hosts.stream().filter(h -> h.obj().equals(Xml.ref(vm.get("runtime.host")))).findFirst()
                .orElseThrow();
        driver.postDrsMigration(vm.obj(), vm.text("name"), other.obj(), other.text("name"), current.obj(),
                current.text("name"));
        try (VsphereConnector c = (VsphereConnector) pinned()) {
            c.collect();
            var events = c.events(null, 5_000);
            assertThat(events).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("DrsVmMigratedEvent");
                assertThat(e.vm()).isEqualTo(vm.obj());
                assertThat(e.host()).isEqualTo(other.obj());
            });
            assertThat(events).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("UserLoginSessionEvent");
                assertThat(e.userName()).isEqualTo(VcsimServer.USER);
            });
            assertThat(events).allSatisfy(e -> assertThat(SecurityEvents.TYPES).contains(e.type()));
        }
    }

    @Test
    void anExpiredSessionIsRenewedByLoggingInAgain() throws Exception {
        try (InventoryConnector c = pinned()) {
            int before = c.collect().vms().size();
            assertThat(driver.terminateOtherSessions()).isPositive();
            assertThat(c.collect().vms()).hasSize(before);
        }
    }

    @Test
    void advancedSettingsKeepTheirDeclaredTypes() throws Exception {
        try (InventoryConnector c = pinned()) {
            Host h = c.collect().hosts().get(0);
            assertThat(h.setting("vmk.devices").type()).isEqualTo(SettingType.LIST);
            assertThat(h.setting("service.TSM-SSH.running").type()).isEqualTo(SettingType.BOOLEAN);
        }
    }
}
