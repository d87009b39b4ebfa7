package org.virtguard.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;

/**
 * The contract every {@link InventoryConnector} must pass. A connector module extends this class once per
 * kind of source and supplies a connector for a real, reachable source with at least one VM
 * ({@link #createConnector()}) and one for a source that does not exist ({@link #unreachableConnector()}).
 *
 * <p>What it checks: a complete snapshot for the connector's source; unique ids; every VM on a host of the
 * snapshot and every NIC on its VM; the same ids on a second collection; immutable snapshot lists;
 * {@code collectVm} agreeing with {@code collect}; an empty result for unknown VM ids; an idempotent
 * {@code close()}; a {@link ConnectorException} when collecting after {@code close()} (connectors that reopen
 * instead override {@link #closedConnectorThrows()}); and {@link ErrorCode#SOURCE_UNREACHABLE} for a source
 * that does not exist.
 */
public abstract class InventoryConnectorContractTest {

    private InventoryConnector connector;

    /** A connector for a reachable source holding at least {@link #minimumVms()} VMs. */
    protected abstract InventoryConnector createConnector() throws Exception;

    /** A connector (or the attempt to open one) for a source that does not exist. */
    protected abstract InventoryConnector unreachableConnector() throws Exception;

    /** The number of hosts the source must report, or {@code -1} not to check it. */
    protected int expectedHosts() {
        return -1;
    }

    /** The fewest VMs the source must report; the checks on VMs and NICs are empty without any. */
    protected int minimumVms() {
        return 1;
    }

    /** Whether {@code collect()} after {@code close()} throws (the preferred behaviour) rather than reopening. */
    protected boolean closedConnectorThrows() {
        return true;
    }

    /** The connector under test, opened before each test and closed after it. */
    protected final InventoryConnector connector() {
        return connector;
    }

    @BeforeEach
    void openConnector() throws Exception {
        connector = createConnector();
        assertThat(connector).as("createConnector()").isNotNull();
    }

    @AfterEach
    void closeConnector() {
        if (connector != null) {
            connector.close();
        }
    }

    @Test
    void collectReturnsACompleteSnapshotOfItsSource() throws Exception {
        InventorySnapshot snapshot = connector.collect();
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.sourceId()).isEqualTo(connector.source().id());
        assertThat(snapshot.collectedAt()).isNotNull();
        assertThat(snapshot.hosts()).isNotEmpty();
        assertThat(snapshot.vms()).hasSizeGreaterThanOrEqualTo(minimumVms());
        assertThat(snapshot.hosts()).allSatisfy(h -> assertThat(h.sourceId()).isEqualTo(connector.source().id()));
        if (expectedHosts() >= 0) {
            assertThat(snapshot.hosts()).hasSize(expectedHosts());
        }
        assertThat(snapshot.warnings()).allSatisfy(w -> {
            assertThat(w.code()).isNotNull();
            assertThat(w.message()).isNotBlank().doesNotContain("\n");
        });
    }

    @Test
    void idsAreUnique() throws Exception {
        InventorySnapshot snapshot = connector.collect();
        assertUnique("host", snapshot.hosts().stream().map(Host::id).toList());
        assertUnique("VM", snapshot.vms().stream().map(VirtualMachine::id).toList());
        assertUnique("network", snapshot.networks().stream().map(org.virtguard.model.Network::id).toList());
        assertUnique("NIC", snapshot.vms().stream().flatMap(vm -> vm.nics().stream()).map(VirtualNic::id).toList());
    }

    @Test
    void everyVmIsOnAHostOfTheSnapshot() throws Exception {
        InventorySnapshot snapshot = connector.collect();
        Set<String> hostIds = snapshot.hosts().stream().map(Host::id).collect(Collectors.toSet());
        assertThat(snapshot.vms()).allSatisfy(vm -> assertThat(hostIds).as("host of VM %s", vm.name())
                .contains(vm.hostId()));
        assertThat(snapshot.networks()).allSatisfy(n -> {
            if (n.hostId() != null) {
                assertThat(hostIds).as("host of network %s", n.name()).contains(n.hostId());
            }
        });
    }

    @Test
    void everyNicBelongsToItsVm() throws Exception {
        for (VirtualMachine vm : connector.collect().vms()) {
            assertThat(vm.nics()).allSatisfy(nic -> assertThat(nic.vmId()).as("NIC %s", nic.id()).isEqualTo(vm.id()));
        }
    }

    @Test
    void idsAreStableAcrossCollections() throws Exception {
        InventorySnapshot first = connector.collect();
        InventorySnapshot second = connector.collect();
        assertThat(ids(second)).isEqualTo(ids(first));
    }

    @Test
    void snapshotListsAreImmutable() throws Exception {
        InventorySnapshot snapshot = connector.collect();
        List<List<?>> lists = new ArrayList<>(List.of(snapshot.sites(), snapshot.clusters(), snapshot.hosts(),
                snapshot.vms(), snapshot.networks(), snapshot.filters(), snapshot.warnings()));
        for (VirtualMachine vm : snapshot.vms()) {
            lists.addAll(List.of(vm.nics(), vm.disks(), vm.devices(), vm.consoles(), vm.securityLabels(), vm.snapshots()));
        }
        for (List<?> list : lists) {
            assertThatThrownBy(() -> list.add(null)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThatThrownBy(() -> snapshot.vms().get(0).labels().put("k", "v"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void collectVmAgreesWithCollect() throws Exception {
        for (VirtualMachine vm : connector.collect().vms()) {
            Optional<VirtualMachine> again = connector.collectVm(vm.id());
            assertThat(again).as("collectVm(%s)", vm.id()).isPresent();
            VirtualMachine single = again.orElseThrow();
            assertThat(single.id()).isEqualTo(vm.id());
            assertThat(single.name()).isEqualTo(vm.name());
            assertThat(single.hostId()).isEqualTo(vm.hostId());
            assertThat(single.nics()).isEqualTo(vm.nics());
        }
    }

    @Test
    void collectVmOfAnUnknownIdIsEmpty() throws Exception {
        assertThat(connector.collectVm("no-such-id")).isEmpty();
        assertThat(connector.collectVm("00000000-0000-0000-0000-00000000dead")).isEmpty();
    }

    @Test
    void closeTwiceDoesNotThrow() {
        assertThatCode(() -> {
            connector.close();
            connector.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void collectAfterCloseThrowsOrReopens() throws Exception {
        connector.collect();
        connector.close();
        if (closedConnectorThrows()) {
            assertThatThrownBy(connector::collect).isInstanceOf(ConnectorException.class);
            assertThatThrownBy(() -> connector.collectVm("no-such-id")).isInstanceOf(ConnectorException.class);
        } else {
            assertThat(connector.collect().sourceId()).isEqualTo(connector.source().id());
        }
    }

    @Test
    void anUnreachableSourceFailsWithSourceUnreachable() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> {
            try (InventoryConnector unreachable = unreachableConnector()) {
                unreachable.collect();
            }
        });
        assertThat(e).as("ConnectorException from an unreachable source").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }

    private static void assertUnique(String what, List<String> ids) {
        Map<String, Long> counts = ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        counts.values().removeIf(c -> c == 1);
        assertThat(counts).as("duplicate %s ids", what).isEmpty();
    }

    private static Set<String> ids(InventorySnapshot s) {
        Set<String> ids = new HashSet<>();
        s.hosts().forEach(h -> ids.add("host:" + h.id()));
        s.vms().forEach(vm -> {
            ids.add("vm:" + vm.id());
            vm.nics().forEach(n -> ids.add("nic:" + n.id()));
        });
        s.networks().forEach(n -> ids.add("network:" + n.id()));
        return ids;
    }
}
