package org.virtguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;

/** The {@link InventoryRepository} on the store's tables. */
final class JdbiInventoryRepository implements InventoryRepository {

    private static final String SOURCE_STATE_RUN = "SOURCE_STATE";

    private final Jdbi jdbi;

    JdbiInventoryRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public SyncOutcome applySync(List<InventorySnapshot> snapshots, List<SourceFailure> failures, Instant at) {
        Instant when = Sql.truncate(Objects.requireNonNull(at, "at"));
        SyncInput input = SyncInput.of(snapshots, failures);
        return write("apply sync of " + input.syncedSources().size() + " source(s)",
                handle -> new SyncRun(handle, when).apply(input, failures));
    }

    @Override
    public List<InventoryChange> applyVm(String sourceId, String vmId, Optional<VirtualMachine> vm, Instant at) {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(vm, "vm");
        Instant when = Sql.truncate(Objects.requireNonNull(at, "at"));
        Optional<Incoming<VirtualMachine>> incoming = vm.map(v -> SyncInput.ofVm(sourceId, vmId, v));
        return write("apply update of VM " + vmId,
                handle -> new VmUpdate(handle, when).apply(sourceId, vmId, incoming));
    }

    @Override
    public void markStale(String sourceId, String reason, Instant at) {
        Objects.requireNonNull(sourceId, "sourceId");
        String message = reason == null ? "connection lost" : reason;
        sourceTransition(sourceId, at, health -> health.failed(sourceId, ErrorCode.CONNECTION_LOST, message));
    }

    @Override
    public void markRecovered(String sourceId, Instant at) {
        Objects.requireNonNull(sourceId, "sourceId");
        sourceTransition(sourceId, at, health -> health.liveRestored(sourceId));
    }

    private void sourceTransition(String sourceId, Instant at, Consumer<SourceHealth> action) {
        Instant when = Sql.truncate(Objects.requireNonNull(at, "at"));
        write("update state of source " + sourceId, handle -> {
            ChangeLog log = new ChangeLog(when);
            SourceRows rows = new SourceRows(handle);
            action.accept(new SourceHealth(rows, rows.lock(List.of(sourceId), when), log));
            if (!log.isEmpty()) {
                ChangeRows.write(handle, SOURCE_STATE_RUN, when, List.of(sourceId), List.of(), log);
            }
            return null;
        });
    }

    @Override
    public List<StoredHost> hosts() {
        return read("list hosts", h -> InventoryQueries.current(h, Tables.HOST, StoredHost::new, "o.name, o.id"));
    }

    @Override
    public List<StoredVm> vms() {
        return read("list VMs", h -> InventoryQueries.current(h, Tables.VM, StoredVm::new, "o.name, o.id"));
    }

    @Override
    public List<StoredNic> nics() {
        return read("list vNICs", h -> InventoryQueries.current(h, Tables.NIC, StoredNic::new, "o.vm_id, o.id"));
    }

    @Override
    public List<StoredNetwork> networks() {
        return read("list networks",
                h -> InventoryQueries.current(h, Tables.NETWORK, StoredNetwork::new, "o.name, o.id"));
    }

    @Override
    public Optional<StoredVm> findVm(String idOrName) {
        Objects.requireNonNull(idOrName, "idOrName");
        List<StoredVm> matches = read("find VM " + idOrName, h -> InventoryQueries.select(h, Tables.VM,
                StoredVm::new, " AND (o.id = :q OR o.name = :q)", Map.of("q", idOrName), "o.id"));
        Optional<StoredVm> byId = matches.stream().filter(m -> m.vm().id().equals(idOrName)).findFirst();
        if (byId.isPresent() || matches.size() <= 1) {
            return byId.or(() -> matches.stream().findFirst());
        }
        throw new AmbiguousNameException("VM", idOrName, matches.stream().map(m -> m.vm().id()).toList());
    }

    @Override
    public List<InventoryChange> changes(Instant sinceInclusive, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return read("list changes", h -> ChangeRows.list(h, sinceInclusive, limit));
    }

    @Override
    public Optional<PowerOffRecord> lastPowerOff(String vmId, long beforeChangeId) {
        return read("read power history", h -> PowerHistory.lastPowerOff(h, vmId, beforeChangeId));
    }

    @Override
    public List<SourceState> sources() {
        return read("list sources", h -> new SourceRows(h).all());
    }

    private <R> R write(String what, HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work);
        } catch (JdbiException e) {
            throw failure("cannot " + what, e);
        }
    }

    private <R> R read(String what, HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw failure("cannot " + what, e);
        }
    }

    private static StoreException failure(String what, JdbiException e) {
        return new StoreException(ErrorCode.STORE_UNAVAILABLE,
                what + ": " + Errors.oneLine(Errors.rootMessage(e), null), e);
    }
}
