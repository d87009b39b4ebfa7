package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.store.Fixtures.t;

import java.util.List;
import java.util.Map;

import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HostIdentitySettings;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.ObjectType;
import org.virtguard.model.PowerState;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Setting;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.testdb.DatabaseTest;
import org.virtguard.store.testdb.TestDatabase;

/**
 * A host whose id changes from the source-based id of V17 and earlier ({@code libvirt:<source id>}) to the id from
 * the hypervisor keeps its history: the first sync that reports the new id (naming the old one as a previous id)
 * re-keys the stored host, its network and filter, its VMs, the change log, findings and alerts, and records no new
 * host; a later rename of the source keeps the same host.
 */
class HostRekeyTest {

    private static final String OLD_ID = "libvirt:kvm-local";
    private static final String NEW_ID = "libvirt:host-name:kvm01/qemu/system";
    private static final String VM_ID = "6f1c2a9e-6a50-4f57-9d0b-2b0f4d0c1a11";

    @DatabaseTest
    void aStoreWrittenBeforeV18KeepsItsHostHistoryWhenTheHostIdComesFromTheHypervisor(TestDatabase db)
            throws Exception {
        try (Store store = db.open()) {
            store.inventory().applySync(List.of(snapshot("kvm-local", OLD_ID, List.of(), PowerState.OFF)), List.of(),
                    t(0));
            store.inventory().applySync(List.of(snapshot("kvm-local", OLD_ID, List.of(), PowerState.RUNNING)),
                    List.of(), t(1));
            store.findings().recordScan(List.of(new Finding("host-tls", new ResourceRef(ObjectType.HOST, OLD_ID,
                    "kvm01"), CheckStatus.FAIL, Severity.HIGH, "t", "m", Map.of(), List.of(), t(1))),
                    List.of("host-tls"), t(1));
            store.alerts().record(new Alert("k1", "test.kind", Severity.HIGH, "on kvm01", null,
                    new Endpoint(null, null, VM_ID, "web01", OLD_ID, "kvm01", null, false), t(1), t(1), 1, Map.of(),
                    List.of()), t(1));
            // the store as V17 left it: no alias table (V18) nor what later migrations added, history ending at 17
            assertThat(Migrations.known()).as("a new migration: roll back what it creates here too").isEqualTo("20");
            store.jdbi().useHandle(h -> {
                for (String index : List.of("inv_vm_power", "inv_nic_mac", "alert_status_last_seen", "alert_source_vm",
                        "audit_entry_actor", "audit_entry_action", "response_action_requested", "flow_edge_from",
                        "flow_edge_to")) {
                    h.execute("DROP INDEX " + index);
                }
                h.execute("DROP TABLE vuln_data_chunk");
                h.execute("DROP TABLE vuln_data_set");
                h.execute("DROP TABLE inv_host_alias");
                h.execute("DELETE FROM virtguard_schema_history WHERE version IN ('18', '19', '20')");
            });
        }
        try (Store store = db.open()) {
            assertThat(store.schema().before().applied()).isEqualTo("17");
            SyncOutcome rekeyed = store.inventory().applySync(List.of(snapshot("kvm-local", NEW_ID,
                    List.of(OLD_ID), PowerState.RUNNING)), List.of(), t(2));

            assertThat(store.inventory().hosts()).singleElement().satisfies(h -> {
                assertThat(h.host().id()).isEqualTo(NEW_ID);
                assertThat(h.firstSeen()).isEqualTo(t(0));
            });
            assertThat(rekeyed.changes()).extracting(HostRekeyTest::describe).containsExactly(
                    "HOST " + NEW_ID + " SETTING_CHANGED id " + OLD_ID + " -> " + NEW_ID);
            assertThat(store.inventory().networks()).singleElement().satisfies(n -> {
                assertThat(n.network().id()).isEqualTo(NEW_ID + "/network/isolated");
                assertThat(n.network().hostId()).isEqualTo(NEW_ID);
            });
            assertThat(store.inventory().vms()).singleElement().satisfies(v -> {
                assertThat(v.vm().hostId()).isEqualTo(NEW_ID);
                assertThat(v.firstSeen()).isEqualTo(t(0));
            });
            List<InventoryChange> all = store.inventory().changes(null, 1000);
            assertThat(all).filteredOn(c -> c.objectType() == ObjectType.HOST)
                    .extracting(InventoryChange::objectId).containsOnly(NEW_ID);
            assertThat(all).filteredOn(c -> c.type() == ChangeType.CREATED && c.objectType() == ObjectType.HOST)
                    .hasSize(1);
            assertThat(all).noneMatch(c -> c.type() == ChangeType.REMOVED || c.type() == ChangeType.MOVED_HOST);
            assertThat(all).filteredOn(c -> c.objectId().equals(VM_ID))
                    .extracting(InventoryChange::type).contains(ChangeType.CREATED, ChangeType.POWER_STATE_CHANGED);
            assertThat(store.alerts().list(AlertQuery.all())).singleElement()
                    .satisfies(a -> assertThat(a.alert().target().hostId()).isEqualTo(NEW_ID));
            List<String> findings = store.jdbi().withHandle(h -> h.createQuery("SELECT resource_id FROM finding")
                    .mapTo(String.class).list());
            assertThat(findings).containsExactly(NEW_ID);
            List<String> aliases = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT host_id FROM inv_host_alias WHERE old_id = :o").bind("o", OLD_ID).mapTo(String.class).list());
            assertThat(aliases).containsExactly(NEW_ID);

            SyncOutcome again = store.inventory().applySync(List.of(snapshot("kvm-local", NEW_ID, List.of(OLD_ID),
                    PowerState.RUNNING)), List.of(), t(3));
            assertThat(again.changes()).as("nothing changed after the re-key").isEmpty();
        }
    }

    @DatabaseTest
    void aRenamedSourceThatReachesTheSameHypervisorKeepsItsHost(Store store) {
        store.inventory().applySync(List.of(snapshot("kvm-local", NEW_ID, List.of("libvirt:kvm-local"),
                PowerState.OFF)), List.of(), t(0));
        store.inventory().applySync(List.of(snapshot("kvm-local", NEW_ID, List.of("libvirt:kvm-local"),
                PowerState.RUNNING)), List.of(), t(1));
        SyncOutcome renamed = store.inventory().applySync(List.of(snapshot("kvm01", NEW_ID, List.of("libvirt:kvm01"),
                PowerState.RUNNING)), List.of(), t(2));

        assertThat(renamed.changes()).noneMatch(c -> c.objectType() == ObjectType.HOST
                && (c.type() == ChangeType.CREATED || c.type() == ChangeType.REMOVED));
        assertThat(store.inventory().hosts()).singleElement().satisfies(h -> {
            assertThat(h.host().id()).isEqualTo(NEW_ID);
            assertThat(h.host().sourceId()).isEqualTo("kvm01");
            assertThat(h.firstSeen()).isEqualTo(t(0));
        });
        assertThat(store.inventory().changes(null, 1000)).filteredOn(c -> c.objectId().equals(VM_ID))
                .extracting(InventoryChange::type).contains(ChangeType.CREATED, ChangeType.POWER_STATE_CHANGED);
    }

    @DatabaseTest
    void anIdStillReportedBySomeSourceIsNotTakenOver(Store store) {
        store.inventory().applySync(List.of(snapshot("a", OLD_ID, List.of(), PowerState.OFF)), List.of(), t(0));
        InventorySnapshot other = new InventorySnapshot("b", t(1), List.of(), List.of(),
                List.of(host("b", NEW_ID, List.of(OLD_ID))), List.of(), List.of(), List.of(), List.of());
        store.inventory().applySync(List.of(snapshot("a", OLD_ID, List.of(), PowerState.OFF), other), List.of(),
                t(1));

        assertThat(store.inventory().hosts()).extracting(h -> h.host().id()).containsExactlyInAnyOrder(OLD_ID, NEW_ID);
    }

    private static String describe(InventoryChange c) {
        return c.objectType() + " " + c.objectId() + " " + c.type() + " " + c.field() + " " + c.oldValue() + " -> "
                + c.newValue();
    }

    private static InventorySnapshot snapshot(String source, String hostId, List<String> previous, PowerState power) {
        Host host = host(source, hostId, previous);
        Network net = new Network(hostId + "/network/isolated", hostId, "isolated", NetworkKind.LIBVIRT_NETWORK,
                "virbr9", null, null, null, List.of(), null, true, Map.of());
        VirtualMachine vm = Fixtures.vm(VM_ID, "web01", hostId).toBuilder().powerState(power).build();
        return new InventorySnapshot(source, t(0), List.of(), List.of(), List.of(host), List.of(vm), List.of(net),
                List.of(Fixtures.filter(hostId, "clean-traffic", 3)), List.of());
    }

    private static Host host(String source, String id, List<String> previous) {
        Host base = Fixtures.host(source, id, "kvm01");
        Map<String, Setting> settings = previous.isEmpty() ? Map.of() : Map.of(HostIdentitySettings.PREVIOUS_IDS,
                Setting.ofString(HostIdentitySettings.PREVIOUS_IDS, String.join(",", previous)));
        return new Host(base.id(), base.sourceId(), base.name(), base.platform(), base.hypervisor(),
                base.productName(), base.productVersion(), base.productBuild(), base.componentVersions(),
                base.managementAddresses(), base.hardware(), null, null, base.connectionState(), settings);
    }
}
