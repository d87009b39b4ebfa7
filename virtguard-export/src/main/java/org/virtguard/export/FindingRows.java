package org.virtguard.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.ObjectType;
import org.virtguard.store.StoredVm;
import org.virtguard.store.findings.StoredFinding;

/**
 * The rows of vFinding: every open finding, grouped by the VM it is about (a vNIC's findings under its VM), then
 * hosts and other resources; failures first within each resource, then not-collected and the rest.
 */
final class FindingRows {

    static final List<String> HEADERS = List.of("VM / resource", "Resource type", "Host", "Status", "Severity",
            "Check", "Title", "Message", "Evidence", "Frameworks", "First seen", "Last seen", "Resource ID");

    private FindingRows() {
    }

    /** The VM a finding is about (the VM itself or one of its vNICs), or {@code null}. */
    static String vmIdOf(Finding f) {
        if (f.resource() == null) {
            return null;
        }
        if (f.resource().type() == ObjectType.VM) {
            return f.resource().id();
        }
        if (f.resource().type() == ObjectType.NIC) {
            int slash = f.resource().id().lastIndexOf('/');
            return slash > 0 ? f.resource().id().substring(0, slash) : null;
        }
        return null;
    }

    static List<List<?>> rows(List<StoredFinding> findings, List<StoredVm> vms, Map<String, Host> hosts) {
        Map<String, StoredVm> vmById = new HashMap<>();
        vms.forEach(v -> vmById.putIfAbsent(v.vm().id(), v));
        List<StoredFinding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing((StoredFinding f) -> group(f.finding(), vmById))
                .thenComparing(f -> f.finding().status() == org.virtguard.model.CheckStatus.FAIL ? 0 : 1)
                .thenComparing(f -> -f.finding().severity().ordinal())
                .thenComparing(f -> f.finding().checkId())
                .thenComparing(f -> f.finding().resource() == null ? "" : f.finding().resource().id()));
        List<List<?>> rows = new ArrayList<>();
        for (StoredFinding stored : sorted) {
            Finding f = stored.finding();
            String vmId = vmIdOf(f);
            StoredVm vm = vmId == null ? null : vmById.get(vmId);
            String resource = vm != null ? vm.vm().name() : f.resource() == null ? null : f.resource().name();
            String hostName = vm != null ? VmRows.hostName(hosts.get(vm.vm().hostId()), vm.vm().hostId())
                    : f.resource() != null && f.resource().type() == ObjectType.HOST && hosts.get(f.resource().id()) != null
                    ? hosts.get(f.resource().id()).name() : null;
            rows.add(Cells.list(resource, f.resource() == null ? null : f.resource().type().name(), hostName,
                    f.status().name(), f.severity().name(), f.checkId(), f.title(), f.message(), evidence(f.evidence()),
                    Cells.join(f.frameworks()), stored.firstSeen(), stored.lastSeen(),
                    f.resource() == null ? null : f.resource().id()));
        }
        return rows;
    }

    /** Sorts VMs by name first, then the other resources by type and name. */
    private static String group(Finding f, Map<String, StoredVm> vms) {
        String vmId = vmIdOf(f);
        StoredVm vm = vmId == null ? null : vms.get(vmId);
        if (vm != null) {
            return "0" + vm.vm().name() + "\u0000" + vm.vm().id();
        }
        return f.resource() == null ? "2" : "1" + f.resource().type() + "\u0000" + f.resource().name();
    }

    /** Evidence as labelled values, {@code key: value} joined by {@code ; }, keys in order. */
    static String evidence(Map<String, String> evidence) {
        if (evidence == null || evidence.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        new TreeMap<>(evidence).forEach((k, v) -> {
            if (!b.isEmpty()) {
                b.append("; ");
            }
            b.append(k).append(": ").append(v);
        });
        return b.toString();
    }
}
