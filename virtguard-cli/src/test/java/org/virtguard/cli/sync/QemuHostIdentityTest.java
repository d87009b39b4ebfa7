package org.virtguard.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.virtguard.cli.e2e.PostgresSchema;
import org.virtguard.connector.libvirt.LibvirtConnector;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.Host;
import org.virtguard.model.HostIdentitySettings;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Setting;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.StoredHost;

/**
 * The host id of a real libvirt/QEMU hypervisor comes from the hypervisor, not from the source id: two sources with
 * different ids on {@code qemu:///system} report the same host; syncing a store, renaming the source and syncing again
 * keeps one host with its history; and a store holding the host under the source-based id of V17 and earlier is
 * re-keyed by the next sync instead of gaining a second host. On H2 and PostgreSQL. Without SMBIOS (as in CI) the
 * host says that its identity is unconfirmed and how to confirm it; with the source option {@code host-uuid} equal to
 * libvirt's host UUID, the id is that UUID. Runs against {@code VIRTGUARD_TEST_QEMU_URI}; skips loudly without it and
 * fails when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
class QemuHostIdentityTest {

    private static final Pattern HOST_UUID = Pattern.compile("<host>\\s*<uuid>([0-9a-f-]{36})</uuid>");

    @TempDir
    Path temp;

    @Test
    void theHostIdFollowsTheHypervisorAndARenamedSourceKeepsItsHostOnH2() throws Exception {
        String uri = requireQemu();
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("data")))) {
            renameAndUpgrade(uri, store);
        }
    }

    @Test
    void theHostIdFollowsTheHypervisorAndARenamedSourceKeepsItsHostOnPostgres() throws Exception {
        String uri = requireQemu();
        try (PostgresSchema schema = PostgresSchema.create();
             Store store = Store.open(StoreConfig.postgres(schema.url(), schema.user(), schema.password()))) {
            renameAndUpgrade(uri, store);
        }
    }

    @Test
    void aConfirmedHostUuidBecomesTheIdAndAnUnconfirmedOneIsNeverUsed() throws Exception {
        String uri = requireQemu();
        try (LibvirtConnector plain = open(uri, "vg-id-plain", Map.of())) {
            Connect c = plain.connection();
            String capabilitiesUuid = hostUuid(c.getCapabilities());
            Host unconfirmed = plain.collect().hosts().getFirst();
            boolean smbios = hasSysinfo(c);
            if (!smbios) {
                assertThat(unconfirmed.id()).doesNotContain(capabilitiesUuid).doesNotContain("vg-id-plain")
                        .startsWith("libvirt:host-name:").endsWith("/qemu/system");
                assertThat(unconfirmed.settings().get(HostIdentitySettings.BASIS).value()).startsWith("unconfirmed:");
                assertThat(unconfirmed.settings().get(HostIdentitySettings.NOTE).value()).contains(
                        "host identity unconfirmed: libvirt reports no SMBIOS system UUID; set host_uuid in "
                                + "libvirtd.conf");
            }
            try (LibvirtConnector declared = open(uri, "vg-id-declared", Map.of("host-uuid", capabilitiesUuid));
                 LibvirtConnector wrong = open(uri, "vg-id-wrong", Map.of("host-uuid", UUID.randomUUID().toString()))) {
                Host confirmed = declared.collect().hosts().getFirst();
                assertThat(confirmed.id()).isEqualTo("libvirt:host-uuid:" + capabilitiesUuid + "/qemu/system");
                assertThat(confirmed.settings().get(HostIdentitySettings.BASIS).value()).startsWith("confirmed:");
                assertThat(confirmed.settings()).doesNotContainKey(HostIdentitySettings.NOTE);
                assertThat(confirmed.settings().get(HostIdentitySettings.PREVIOUS_IDS).value())
                        .contains("libvirt:vg-id-declared").contains(smbios ? "libvirt:host-name:" : unconfirmed.id());
                Host mismatch = wrong.collect().hosts().getFirst();
                assertThat(mismatch.id()).doesNotContain(capabilitiesUuid);
                assertThat(mismatch.settings().get(HostIdentitySettings.NOTE).value())
                        .contains("libvirt reports host UUID " + capabilitiesUuid, "but the source option host-uuid");
            }
        }
    }

    private static void renameAndUpgrade(String uri, Store store) throws Exception {
        String uuid = UUID.randomUUID().toString();
        String name = "vg-test-id-" + uuid.substring(0, 8);
        try (LibvirtConnector first = open(uri, "vg-id-old", Map.of());
             LibvirtConnector renamed = open(uri, "vg-id-new", Map.of())) {
            Domain domain = first.connection().domainDefineXML(guest(name, uuid));
            try {
                // a store as V17 wrote it: the host under libvirt:<source id>
                InventorySnapshot now = first.collect();
                String hostId = now.hosts().getFirst().id();
                assertThat(hostId).doesNotContain("vg-id-old");
                store.inventory().applySync(List.of(legacy(now)), List.of(), Instant.now());
                assertThat(hosts(store)).containsExactly("libvirt:vg-id-old");

                store.inventory().applySync(List.of(first.collect()), List.of(), Instant.now());
                assertThat(hosts(store)).as("re-keyed, not a second host").containsExactly(hostId);
                domain.create();
                store.inventory().applySync(List.of(first.collect()), List.of(), Instant.now());
                domain.destroy();

                InventorySnapshot afterRename = renamed.collect();
                assertThat(afterRename.hosts().getFirst().id()).isEqualTo(hostId);
                store.inventory().applySync(List.of(afterRename), List.of(), Instant.now());

                List<StoredHost> hosts = store.inventory().hosts();
                assertThat(hosts).singleElement().satisfies(h -> {
                    assertThat(h.host().id()).isEqualTo(hostId);
                    assertThat(h.sourceId()).isEqualTo("vg-id-new");
                });
                List<InventoryChange> changes = store.inventory().changes(null, 100_000);
                assertThat(changes).filteredOn(c -> c.objectType() == ObjectType.HOST)
                        .extracting(c -> c.type() + " " + c.objectId())
                        .as("one host created, moved to the hypervisor's id once, never removed")
                        .containsOnly("CREATED " + hostId, "SETTING_CHANGED " + hostId)
                        .filteredOn(s -> s.startsWith("CREATED")).hasSize(1);
                assertThat(changes).filteredOn(c -> uuid.equals(c.objectId()))
                        .extracting(c -> c.type() + " " + c.newValue())
                        .contains("CREATED null", "POWER_STATE_CHANGED RUNNING", "POWER_STATE_CHANGED OFF")
                        .noneMatch(s -> s.startsWith("REMOVED"));
                assertThat(store.inventory().findVm(uuid)).hasValueSatisfying(v -> {
                    assertThat(v.vm().hostId()).isEqualTo(hostId);
                    assertThat(v.sourceId()).isEqualTo("vg-id-new");
                });
            } finally {
                if (domain.isActive() == 1) {
                    domain.destroy();
                }
                domain.undefine();
            }
        }
    }

    /** The snapshot as the connector of V17 and earlier reported it: every host id {@code libvirt:<source id>}. */
    private static InventorySnapshot legacy(InventorySnapshot s) {
        String now = s.hosts().getFirst().id();
        String old = "libvirt:" + s.sourceId();
        Host h = s.hosts().getFirst();
        Map<String, Setting> settings = new java.util.LinkedHashMap<>(h.settings());
        settings.keySet().removeIf(k -> k.startsWith(HostIdentitySettings.BASIS));
        Host oldHost = new Host(old, h.sourceId(), h.name(), h.platform(), h.hypervisor(), h.productName(),
                h.productVersion(), h.productBuild(), h.componentVersions(), h.managementAddresses(), h.hardware(),
                h.clusterId(), h.siteId(), h.connectionState(), settings);
        List<VirtualMachine> vms = s.vms().stream().map(v -> v.toBuilder().hostId(old).build()).toList();
        List<Network> nets = s.networks().stream().map(n -> new Network(old + n.id().substring(now.length()), old,
                n.name(), n.kind(), n.switchName(), n.forwardMode(), n.bridge(), n.vlan(), n.ipRanges(), n.l2Policy(),
                n.active(), n.settings())).toList();
        List<TrafficFilterDefinition> filters = s.filters().stream().map(f -> new TrafficFilterDefinition(f.name(),
                old, f.chain(), f.includes(), f.ruleCount())).toList();
        return new InventorySnapshot(s.sourceId(), s.collectedAt(), s.sites(), s.clusters(), List.of(oldHost), vms,
                nets, filters, s.warnings());
    }

    private static List<String> hosts(Store store) {
        return store.inventory().hosts().stream().map(h -> h.host().id()).toList();
    }

    private static String requireQemu() {
        String uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        if (uri == null || uri.isBlank()) {
            System.err.println("!!! QEMU HOST-IDENTITY TEST NOT RUN: VIRTGUARD_TEST_QEMU_URI is not set (./run-tests "
                    + "sets it to qemu:///system when it starts libvirtd)");
        }
        TestEnvironment.require(uri != null && !uri.isBlank(),
                "a real libvirt daemon with QEMU (VIRTGUARD_TEST_QEMU_URI, e.g. qemu:///system)");
        TestEnvironment.require(uri.equals("qemu:///system"), "the local system QEMU driver (qemu:///system)");
        return uri;
    }

    private static LibvirtConnector open(String uri, String id, Map<String, String> options) throws Exception {
        return LibvirtConnector.open(new SourceSpec(id, uri, options), Credentials.none());
    }

    private static String hostUuid(String capabilities) {
        Matcher m = HOST_UUID.matcher(capabilities);
        assertThat(m.find()).as("capabilities carry <host><uuid>").isTrue();
        return m.group(1);
    }

    private static boolean hasSysinfo(Connect c) {
        try {
            return c.getSysinfo().contains("<system>");
        } catch (LibvirtException e) {
            return false;
        }
    }

    private static String guest(String name, String uuid) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                </domain>""".formatted(name, uuid);
    }
}
