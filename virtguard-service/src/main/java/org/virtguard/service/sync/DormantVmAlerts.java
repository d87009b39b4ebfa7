package org.virtguard.service.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.virtguard.lifecycle.DormantVmDetector;
import org.virtguard.lifecycle.PowerOffLookup;
import org.virtguard.lifecycle.VmLookup;
import org.virtguard.model.Alert;
import org.virtguard.model.InventoryChange;
import org.virtguard.store.AmbiguousNameException;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.StoredVm;
import org.virtguard.store.alerts.AlertRepository;

/** Runs the dormant-VM detector over freshly logged inventory changes and records what it raises. */
public final class DormantVmAlerts {

    private final DormantVmDetector detector;
    private final AlertRepository alerts;
    private final Clock clock;
    private final java.util.function.UnaryOperator<Alert> verification;

    public DormantVmAlerts(Duration threshold, InventoryRepository inventory, AlertRepository alerts, Clock clock) {
        this(threshold, inventory, alerts, clock, java.util.function.UnaryOperator.identity());
    }

    /** @param verification adds what must be verified before the VM rejoins production */
    public DormantVmAlerts(Duration threshold, InventoryRepository inventory, AlertRepository alerts, Clock clock,
                           java.util.function.UnaryOperator<Alert> verification) {
        this.verification = verification;
        PowerOffLookup history = (vmId, before) -> inventory.lastPowerOff(vmId, before)
                .map(r -> new PowerOffLookup.OffPeriod(r.since(), r.lowerBound()));
        VmLookup lastCollected = vmId -> {
            try {
                return inventory.findVm(vmId).map(StoredVm::vm);
            } catch (AmbiguousNameException e) {
                return java.util.Optional.empty();
            }
        };
        this.detector = new DormantVmDetector(threshold, history, lastCollected);
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Detects, records and returns the alerts for these changes. */
    public List<Alert> process(List<InventoryChange> changes) {
        List<Alert> raised = detector.inspect(changes).stream().map(verification).toList();
        raised.forEach(alert -> alerts.record(alert, clock.instant()));
        return raised;
    }
}
