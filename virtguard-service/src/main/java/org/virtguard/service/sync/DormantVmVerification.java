package org.virtguard.service.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.virtguard.exposure.AdvisoryDatabase;
import org.virtguard.exposure.ExposureScanner;
import org.virtguard.exposure.GuestOsLifecycle;
import org.virtguard.exposure.KevCatalog;
import org.virtguard.model.Alert;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.StoredVm;

/**
 * What must be verified before a returning dormant VM rejoins production: its guest OS support status and
 * its tools version, from the exposure data. The result is added to the dormant alert, so whoever approves
 * the quarantine (or later releases it) sees what is outstanding; a state that could not be read is listed
 * as not verified, never as fine.
 */
public final class DormantVmVerification implements UnaryOperator<Alert> {

    private final InventoryRepository inventory;
    private final ExposureScanner scanner;

    public DormantVmVerification(InventoryRepository inventory, Clock clock) {
        this.inventory = inventory;
        this.scanner = new ExposureScanner(AdvisoryDatabase.bundled(), KevCatalog.empty(), GuestOsLifecycle.bundled(),
                clock);
    }

    @Override
    public Alert apply(Alert alert) {
        String vmId = alert.attributes().get("vmId");
        Optional<VirtualMachine> vm = vmId == null ? Optional.empty()
                : inventory.findVm(vmId).map(StoredVm::vm);
        if (vm.isEmpty()) {
            return alert;
        }
        List<String> outstanding = new ArrayList<>();
        for (Finding f : scanner.scan(List.of(), List.of(vm.get()))) {
            if (f.status() == CheckStatus.FAIL) {
                outstanding.add(f.title() + (f.message() == null ? "" : ": " + f.message()));
            } else if (f.status() == CheckStatus.NOT_COLLECTED) {
                outstanding.add("not verified: " + f.title() + (f.message() == null ? "" : " (" + f.message() + ")"));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>(alert.attributes());
        attributes.put("verification", outstanding.isEmpty() ? "guest OS supported and tools current"
                : String.join(" | ", outstanding));
        List<String> evidence = new ArrayList<>(alert.evidence());
        outstanding.forEach(line -> evidence.add("verify: " + line));
        return new Alert(alert.key(), alert.kind(), alert.severity(), alert.title(), alert.source(), alert.target(),
                alert.firstSeen(), alert.lastSeen(), alert.count(), attributes, evidence);
    }
}
