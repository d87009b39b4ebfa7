package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.Collected;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.alerts.AlertListing;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.store.flows.FlowListing;
import org.virtguard.store.flows.StoredFlowEdge;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.security.AuditListing;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.testdb.DatabaseTest;

/** Lists sorted, filtered and paged in the database, and the bounded search, on H2 and PostgreSQL. */
class InventoryListingTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static InventorySnapshot lab() {
        return new InventoryGenerator(7).snapshot("src", 5, 250, AT);
    }

    private static ListRequest request(String sort, boolean desc, Map<String, String> filters, int offset, int limit) {
        return new ListRequest(sort, desc, filters, offset, limit);
    }

    @DatabaseTest
    void pagesCoverEveryVmOnceInTheRequestedOrder(Store store) {
        InventorySnapshot lab = lab();
        store.inventory().applySync(List.of(lab), List.of(), AT);
        InventoryListing listing = new InventoryListing(store.jdbi());

        for (boolean desc : new boolean[] {false, true}) {
            List<String> seen = new ArrayList<>();
            long total = -1;
            for (int offset = 0; offset < 300; offset += 40) {
                ListResult<StoredVm> page = listing.vms(request("name", desc, Map.of(), offset, 40));
                total = page.total();
                page.items().forEach(v -> seen.add(v.vm().name()));
            }
            List<String> expected = lab.vms().stream().map(VirtualMachine::name)
                    .sorted(desc ? Comparator.reverseOrder() : Comparator.naturalOrder()).toList();
            assertThat(total).isEqualTo(250);
            assertThat(seen).isEqualTo(expected);
        }
        List<String> byHost = listing.vms(request("host", false, Map.of(), 0, 250)).items().stream()
                .map(v -> v.vm().hostId()).toList();
        assertThat(byHost).isSorted();
    }

    @DatabaseTest
    void filtersByTextPowerHostNetworkAndMac(Store store) {
        InventorySnapshot lab = lab();
        store.inventory().applySync(List.of(lab), List.of(), AT);
        InventoryListing listing = new InventoryListing(store.jdbi());

        ListResult<StoredVm> named = listing.vms(request(null, false, Map.of("filter", "VM00012"), 0, 100));
        assertThat(named.items()).extracting(v -> v.vm().name()).allMatch(n -> n.startsWith("vm00012"));
        assertThat(named.total()).isEqualTo(10);

        long off = lab.vms().stream().filter(v -> v.powerState() == PowerState.OFF).count();
        ListResult<StoredVm> offPage = listing.vms(request("name", false, Map.of("power", "off"), 0, 10));
        assertThat(offPage.total()).isEqualTo(off).isGreaterThan(10);
        assertThat(offPage.items()).hasSize(10).allMatch(v -> v.vm().powerState() == PowerState.OFF);
        assertThat(listing.countVms(PowerState.OFF)).isEqualTo(off);
        assertThat(listing.countVms(null)).isEqualTo(250);
        assertThat(listing.countHosts()).isEqualTo(5);

        String host = lab.hosts().get(2).id();
        long onHost = lab.vms().stream().filter(v -> host.equals(v.hostId())).count();
        assertThat(listing.vms(request(null, false, Map.of("host", host), 0, 1)).total()).isEqualTo(onHost);

        long onDmz = lab.vms().stream().filter(v -> v.nics().stream().anyMatch(n -> "dmz".equals(n.networkName())))
                .count();
        assertThat(listing.vms(request(null, false, Map.of("network", "dmz"), 0, 1)).total()).isEqualTo(onDmz);

        String mac = lab.vms().get(17).nics().get(0).mac();
        assertThat(listing.vms(request(null, false, Map.of("filter", mac.toUpperCase()), 0, 10)).items())
                .extracting(v -> v.vm().id()).containsExactly(lab.vms().get(17).id());
    }

    @DatabaseTest
    void hostileListParametersAreRefusedOrInert(Store store) {
        store.inventory().applySync(List.of(lab()), List.of(), AT);
        InventoryListing listing = new InventoryListing(store.jdbi());

        assertThat(listing.vms(request(null, false, Map.of("filter", "x'; DROP TABLE inv_vm; --"), 0, 10)).total())
                .isZero();
        assertThat(listing.vms(request(null, false, Map.of("filter", "%"), 0, 10)).total()).isZero();
        assertThat(listing.vms(request(null, false, Map.of("filter", "_"), 0, 10)).total()).isZero();
        assertThat(listing.vms(ListRequest.first(1)).total()).isEqualTo(250);
        assertThatThrownBy(() -> listing.vms(request("name; DROP TABLE inv_vm", false, Map.of(), 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown sort");
        assertThatThrownBy(() -> listing.vms(request(null, false, Map.of("removed_at", "x"), 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown filter");
        assertThatThrownBy(() -> listing.vms(request(null, false, Map.of("power", "sideways"), 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power")
                .hasMessageNotContaining("No enum");
    }

    @DatabaseTest
    void searchFindsVmsHostsNetworksMacsAndAddressesBounded(Store store) {
        InventorySnapshot lab = lab();
        VirtualMachine first = lab.vms().get(0);
        VirtualNic nic = first.nics().get(0);
        VirtualNic addressed = new VirtualNic(nic.id(), nic.vmId(), nic.mac(), nic.attachment(), nic.networkName(),
                nic.switchName(), nic.sourceDevice(), nic.sourceMode(), nic.vlan(), nic.model(), nic.targetDevice(),
                nic.filter(), Collected.of(List.of("10.77.5.9", "fd00::3:a837:1")), nic.connected());
        List<VirtualMachine> vms = new ArrayList<>(lab.vms());
        vms.set(0, first.toBuilder().nics(List.of(addressed)).build());
        store.inventory().applySync(List.of(new InventorySnapshot(lab.sourceId(), AT, List.of(), List.of(),
                lab.hosts(), vms, lab.networks(), List.of(), List.of())), List.of(), AT);
        InventoryListing listing = new InventoryListing(store.jdbi());

        assertThat(listing.search("vm00001", 5)).filteredOn(h -> h.kind() == SearchHit.Kind.VM).hasSize(5);
        assertThat(listing.search("kvm003", 10)).filteredOn(h -> h.kind() == SearchHit.Kind.HOST)
                .extracting(SearchHit::name).containsExactly("kvm003");
        assertThat(listing.search("backup", 100)).filteredOn(h -> h.kind() == SearchHit.Kind.NETWORK).hasSize(5);
        assertThat(listing.search(nic.mac(), 10)).filteredOn(h -> h.kind() == SearchHit.Kind.MAC)
                .extracting(SearchHit::id).containsExactly(first.id());
        assertThat(listing.search("10.77.5.9", 10)).filteredOn(h -> h.kind() == SearchHit.Kind.ADDRESS)
                .extracting(SearchHit::id).containsExactly(first.id());
        assertThat(listing.search("fd00::3:a837", 10)).filteredOn(h -> h.kind() == SearchHit.Kind.ADDRESS)
                .extracting(SearchHit::id).containsExactly(first.id());
        assertThat(listing.search("vm", 1000)).filteredOn(h -> h.kind() == SearchHit.Kind.VM).hasSize(100);
        assertThat(listing.search("   ", 10)).isEmpty();
    }

    @DatabaseTest
    void historyOfAVmIncludesItsVnicsNewestFirst(Store store) {
        InventorySnapshot lab = lab();
        store.inventory().applySync(List.of(lab), List.of(), AT);
        VirtualMachine vm = lab.vms().get(3);
        VirtualNic nic = vm.nics().get(0);
        String other = "dmz".equals(nic.networkName()) ? "prod" : "dmz";
        VirtualNic moved = new VirtualNic(nic.id(), nic.vmId(), nic.mac(), nic.attachment(), other, nic.switchName(),
                nic.sourceDevice(), nic.sourceMode(), nic.vlan(), nic.model(), nic.targetDevice(), nic.filter(),
                nic.ipAddresses(), nic.connected());
        List<VirtualNic> nics = new ArrayList<>(vm.nics());
        nics.set(0, moved);
        store.inventory().applyVm(lab.sourceId(), vm.id(), java.util.Optional.of(vm.toBuilder().nics(nics)
                .powerState(PowerState.PAUSED).build()), AT.plusSeconds(60));

        List<InventoryChange> history = new InventoryListing(store.jdbi()).history(vm.id(), 0, 50);
        assertThat(history).extracting(InventoryChange::type)
                .contains(ChangeType.NIC_NETWORK_CHANGED, ChangeType.POWER_STATE_CHANGED, ChangeType.CREATED);
        assertThat(history).extracting(InventoryChange::id).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(new InventoryListing(store.jdbi()).history(vm.id(), 1, 1)).containsExactly(history.get(1));
    }

    @DatabaseTest
    void alertsAuditAndFlowsPageInTheDatabase(Store store) {
        for (int i = 0; i < 30; i++) {
            store.alerts().record(new Alert("k" + i, i % 2 == 0 ? "auth.bruteforce" : "flow.portscan",
                    Severity.values()[i % Severity.values().length], "alert " + i, null, null, AT.plusSeconds(i),
                    AT.plusSeconds(i), i + 1, Map.of(), List.of()), AT);
        }
        ListResult<StoredAlert> alerts = new AlertListing(store.jdbi())
                .page(request("count", true, Map.of("kind", "auth."), 0, 5));
        assertThat(alerts.total()).isEqualTo(15);
        assertThat(alerts.items()).extracting(a -> a.alert().count()).containsExactly(29L, 27L, 25L, 23L, 21L);
        assertThatThrownBy(() -> new AlertListing(store.jdbi()).page(request(null, false, Map.of("status", "gone"), 0, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("No enum");

        for (int i = 0; i < 12; i++) {
            store.security().audit().append(new AuditRecord(i % 3 == 0 ? "alice" : "bob", "vm.view", "vm-" + i,
                    "success", "127.0.0.1", "detail " + i), AT.plusSeconds(i));
        }
        var audit = new AuditListing(store.jdbi()).page(request(null, false, Map.of("actor", "alice"), 0, 3));
        assertThat(audit.total()).isEqualTo(4);
        assertThat(audit.items()).extracting(e -> e.record().target()).containsExactly("vm-9", "vm-6", "vm-3");

        List<StoredFlowEdge> edges = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            edges.add(new StoredFlowEdge(AT.plusSeconds(60L * i), "VM", "web0" + (i % 4), "db01", i % 2 == 0,
                    1, 10, 100L * i));
        }
        store.flows().add(edges);
        var flows = new FlowListing(store.jdbi()).page(request("bytes", true, Map.of("kind", "vm", "name", "web01"), 0, 2));
        assertThat(flows.total()).isEqualTo(5);
        assertThat(flows.items()).extracting(StoredFlowEdge::bytes).containsExactly(1700L, 1300L);
    }
}
