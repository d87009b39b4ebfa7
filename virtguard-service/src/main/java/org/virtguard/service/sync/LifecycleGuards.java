package org.virtguard.service.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.virtguard.lifecycle.MigrationGuard;
import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;
import org.virtguard.response.ResponseService;
import org.virtguard.store.Store;

/**
 * The moment-of-change guards: dormant VMs powering on and migrations that break placement policy. Each
 * batch of recorded inventory changes is inspected, the alerts are stored, and the response policy's
 * triggers run on them.
 */
public final class LifecycleGuards {

    private final Store store;
    private final DormantVmAlerts dormant;
    private final Optional<MigrationGuard> migration;
    private final Optional<ResponseService> response;
    private final Clock clock;
    private final Consumer<Alert> raised;

    /**
     * @param migration the migration guard, or empty without a zone policy
     * @param response  guarded response whose triggers run on the alerts, or empty
     * @param raised    receives each stored alert (for display)
     */
    public LifecycleGuards(Store store, DormantVmAlerts dormant, Optional<MigrationGuard> migration,
                           Optional<ResponseService> response, Clock clock, Consumer<Alert> raised) {
        this.store = store;
        this.dormant = dormant;
        this.migration = migration.filter(MigrationGuard::active);
        this.response = response;
        this.clock = clock;
        this.raised = raised;
    }

    /** Inspects a batch of changes; returns the alerts raised. */
    public synchronized List<Alert> process(List<InventoryChange> changes) {
        List<Alert> alerts = new ArrayList<>(dormant.process(changes));
        if (migration.isPresent() && changes.stream().anyMatch(c -> c.type() == ChangeType.MOVED_HOST)) {
            List<Alert> moved = migration.get().inspect(changes, new StorePlacementInventory(store.inventory()));
            moved.forEach(a -> store.alerts().record(a, clock.instant()));
            alerts.addAll(moved);
        }
        alerts.forEach(raised);
        response.ifPresent(r -> r.onAlerts(alerts));
        return alerts;
    }
}
