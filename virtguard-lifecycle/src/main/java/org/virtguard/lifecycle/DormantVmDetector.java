package org.virtguard.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.Endpoint;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;

/**
 * Raises an alert when a VM that was off for longer than a threshold powers on again: a machine left
 * offline for months comes back without the patches, signatures and credential rotations it missed.
 *
 * <p>What to verify before release includes the VM's provenance when the inventory knows it (attribute
 * {@code provenance}: "deployed from template X (template updated N days ago)", else "template unknown"; see
 * {@link TemplateProvenance}), since a VM from an old template starts behind even before its dormancy.
 */
public final class DormantVmDetector {

    /** Alert kind of a dormant VM returning. */
    public static final String KIND = "lifecycle.dormant-vm-returned";
    /** The default threshold: 30 days. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofDays(30);

    private final Duration threshold;
    private final PowerOffLookup history;
    private final VmLookup vms;

    /** A detector that does not look the VM up: its provenance is reported as unknown. */
    public DormantVmDetector(Duration threshold, PowerOffLookup history) {
        this(threshold, history, VmLookup.none());
    }

    /**
     * @param vms finds the VM as last collected, for its provenance ({@link TemplateProvenance})
     */
    public DormantVmDetector(Duration threshold, PowerOffLookup history, VmLookup vms) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("dormancy threshold must be positive, got " + threshold);
        }
        this.threshold = threshold;
        this.history = Objects.requireNonNull(history, "history");
        this.vms = Objects.requireNonNull(vms, "vms");
    }

    /** Looks at freshly logged changes and returns an alert for each dormant VM that powered on. */
    public List<Alert> inspect(List<InventoryChange> changes) {
        List<Alert> alerts = new ArrayList<>();
        for (InventoryChange change : changes) {
            if (isPowerOnFromOff(change)) {
                history.lastPowerOff(change.objectId(), change.id())
                        .flatMap(off -> alertIfDormant(change, off))
                        .ifPresent(alerts::add);
            }
        }
        return alerts;
    }

    private static boolean isPowerOnFromOff(InventoryChange change) {
        return change.type() == ChangeType.POWER_STATE_CHANGED
                && PowerState.OFF.name().equals(change.oldValue())
                && PowerState.RUNNING.name().equals(change.newValue());
    }

    /** Whole days when a day or more, else hours, minutes or seconds (short thresholds are used in labs). */
    static String offPeriod(Duration d) {
        if (d.toDays() >= 1) {
            return count(d.toDays(), "day");
        }
        if (d.toHours() >= 1) {
            return count(d.toHours(), "hour");
        }
        if (d.toMinutes() >= 1) {
            return count(d.toMinutes(), "minute");
        }
        return count(d.toSeconds(), "second");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private Optional<Alert> alertIfDormant(InventoryChange powerOn, PowerOffLookup.OffPeriod off) {
        Duration offFor = Duration.between(off.since(), powerOn.at());
        if (offFor.compareTo(threshold) <= 0) {
            return Optional.empty();
        }
        long days = offFor.toDays();
        String vm = powerOn.objectName() != null ? powerOn.objectName() : powerOn.objectId();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("vmId", powerOn.objectId());
        attributes.put("offSince", off.since().toString());
        attributes.put("offDays", (off.lowerBound() ? "at least " : "") + days);
        attributes.put("thresholdDays", Long.toString(threshold.toDays()));
        attributes.put("source", powerOn.sourceId());
        Optional<TemplateProvenance> provenance = provenance(powerOn.objectId());
        String provenanceLine = provenance.map(p -> p.describe(powerOn.at())).orElse(TemplateProvenance.UNKNOWN);
        attributes.put("provenance", provenanceLine);
        provenance.ifPresent(p -> {
            attributes.put("deployedFrom", p.template());
            if (p.templateUpdated() != null) {
                attributes.put("templateUpdatedAt", p.templateUpdated().toString());
            }
        });
        attributes.put("recommendedAction", "verify patch level, agent and credentials before it rejoins production ("
                + provenanceLine + "); quarantine it until then, or redeploy from a current template");
        Endpoint subject = new Endpoint(null, null, powerOn.objectId(), vm, null, null, null, false);
        String title = "Dormant VM " + vm + " powered on after " + (off.lowerBound() ? "at least " : "")
                + offPeriod(offFor) + " off";
        return Optional.of(new Alert(KIND + "|" + powerOn.objectId() + "|" + powerOn.at(), KIND, Severity.HIGH, title,
                null, subject, off.since(), powerOn.at(), 1, attributes,
                List.of(powerOn.at() + " " + vm + " power " + powerOn.oldValue() + " -> " + powerOn.newValue(),
                        "verify: " + provenanceLine)));
    }

    /** The VM's provenance; unknown when the VM or its settings cannot be read (the alert matters more). */
    private Optional<TemplateProvenance> provenance(String vmId) {
        try {
            return vms.vm(vmId).flatMap(TemplateProvenance::of);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
