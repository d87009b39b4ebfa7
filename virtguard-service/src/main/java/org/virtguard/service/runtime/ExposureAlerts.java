package org.virtguard.service.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.model.Alert;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Severity;
import org.virtguard.store.findings.ScanRecord;

/**
 * Exposure changes as alerts: when an evaluation opens (or reopens) a failing hypervisor-vulnerability finding of
 * high or critical severity, one alert per host and advisory goes the way of every other detection. The finding
 * stays the record of the exposure; the alert is the moment it appeared.
 */
public final class ExposureAlerts implements Consumer<ScanRecord> {

    static final String KIND = "exposure.hypervisor-vulnerable";
    private static final String HYPERVISOR_CHECKS = "exposure.hypervisor.";

    private final Consumer<Alert> alerts;

    /** @param alerts where the alerts go (the service's alert path) */
    public ExposureAlerts(Consumer<Alert> alerts) {
        this.alerts = alerts;
    }

    @Override
    public void accept(ScanRecord record) {
        for (Finding f : record.opened()) {
            if (f.checkId().startsWith(HYPERVISOR_CHECKS) && f.status() == CheckStatus.FAIL
                    && f.severity().atLeast(Severity.HIGH)) {
                alerts.accept(alert(f));
            }
        }
    }

    static Alert alert(Finding f) {
        Map<String, String> attributes = new LinkedHashMap<>(f.evidence());
        attributes.put("checkId", f.checkId());
        Endpoint target = f.resource().type() == ObjectType.HOST
                ? new Endpoint(null, null, null, null, f.resource().id(), f.resource().name(), null, false)
                : new Endpoint(null, null, f.resource().id(), f.resource().name(), null, null, null, false);
        String title = (f.title() == null ? f.checkId() : f.title()) + " on " + f.resource().name();
        return new Alert("exposure|" + f.checkId() + "|" + f.resource().id(), KIND, f.severity(), title, null, target,
                f.evaluatedAt(), f.evaluatedAt(), 1, attributes,
                f.message() == null ? List.of() : List.of(f.message()));
    }
}
