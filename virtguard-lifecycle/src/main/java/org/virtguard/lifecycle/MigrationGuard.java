package org.virtguard.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.zones.ZonePolicy;

/**
 * Evaluates a VM's new host the moment a migration, relocation or host change is seen: host and cluster
 * trust against the VM's classification, the site, the zones of its port groups there, and its
 * co-residents (mixed trust, anti-affinity). The placement checks of the policy (those that need a zone
 * policy) are evaluated twice, once with the VM on its new host and once as it was on its old host; a
 * placement check that fails after the move raises an alert naming both hosts, with what changed.
 *
 * <p>Host-level checks (mixed trust, anti-affinity) count only when the VM's arrival makes them fail:
 * they are evaluated on the destination with and without the VM.
 */
public final class MigrationGuard {

    /** Alert kind of a migration that breaks placement policy. */
    public static final String KIND = "lifecycle.migration-violation";

    private final Evaluator placement;
    private final ZonePolicy zones;

    /**
     * @param checks the compiled check catalog; only the checks that need a zone policy are used
     */
    public MigrationGuard(List<CompiledCheck> checks, ZonePolicy zones, java.time.Clock clock) {
        this.zones = Objects.requireNonNull(zones, "zones");
        List<CompiledCheck> placementChecks = checks.stream()
                .filter(c -> c.definition().requiresZonePolicy()).toList();
        this.placement = new Evaluator(placementChecks, zones, List.of(), Map.of(), clock);
    }

    /** Whether there is a zone policy to evaluate against (without one every migration is allowed). */
    public boolean active() {
        return zones.isDefined();
    }

    /** Looks at freshly logged changes and returns an alert for each migration that breaks placement policy. */
    public List<Alert> inspect(List<InventoryChange> changes, PlacementInventory inventory) {
        List<Alert> alerts = new ArrayList<>();
        if (!active()) {
            return alerts;
        }
        for (InventoryChange change : changes) {
            if (change.type() == ChangeType.MOVED_HOST && change.objectType() == ObjectType.VM
                    && !Objects.equals(change.oldValue(), change.newValue())) {
                evaluate(change, inventory).ifPresent(alerts::add);
            }
        }
        return alerts;
    }

    private Optional<Alert> evaluate(InventoryChange change, PlacementInventory inventory) {
        Optional<VirtualMachine> current = inventory.vm(change.objectId());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        VirtualMachine vm = current.get();
        Optional<Host> to = inventory.host(vm.hostId());
        if (to.isEmpty()) {
            return Optional.empty();
        }
        Optional<Host> from = change.oldValue() == null ? Optional.empty() : inventory.host(change.oldValue());
        Set<String> after = violations(vm, to.get(), inventory);
        if (after.isEmpty()) {
            return Optional.empty();
        }
        Set<String> before = from.map(h -> violations(vm.toBuilder().hostId(h.id()).clusterId(h.clusterId()).build(),
                h, inventory)).orElse(Set.of());
        return Optional.of(alert(change, vm, from, to.get(), before, after));
    }

    /** The failing placement checks of {@code vm} placed on {@code host}, as "check-id: message". */
    private Set<String> violations(VirtualMachine vm, Host host, PlacementInventory inventory) {
        List<VirtualMachine> others = inventory.vmsOn(host.id()).stream()
                .filter(v -> !v.id().equals(vm.id())).toList();
        List<VirtualMachine> withVm = new ArrayList<>(others);
        withVm.add(vm);
        List<Finding> with = placement.evaluate(new Inventory(List.of(host), withVm, inventory.networks()),
                s -> s == CheckStatus.FAIL).findings();
        Set<String> hostFailuresWithout = placement.evaluate(
                        new Inventory(List.of(host), others, inventory.networks()), s -> s == CheckStatus.FAIL)
                .findings().stream()
                .filter(f -> f.resource().type() == ObjectType.HOST)
                .map(Finding::checkId).collect(Collectors.toSet());
        Set<String> out = new TreeSet<>();
        for (Finding f : with) {
            boolean aboutVm = f.resource().type() == ObjectType.VM && f.resource().id().equals(vm.id());
            boolean causedOnHost = f.resource().type() == ObjectType.HOST
                    && !hostFailuresWithout.contains(f.checkId());
            if (aboutVm || causedOnHost) {
                out.add(f.checkId() + ": " + (f.message() != null ? f.message() : f.title()));
            }
        }
        return out;
    }

    private Alert alert(InventoryChange change, VirtualMachine vm, Optional<Host> from, Host to, Set<String> before,
                        Set<String> after) {
        Set<String> introduced = new TreeSet<>(after);
        introduced.removeAll(before);
        String fromLabel = from.map(Host::name).orElse(change.oldValue());
        Map<String, Object> toFacts = zones.hostFacts(to);
        Map<String, Object> fromFacts = from.map(zones::hostFacts).orElse(Map.of());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("vmId", vm.id());
        attributes.put("vm", vm.name());
        attributes.put("fromHost", fromLabel);
        attributes.put("toHost", to.name());
        zones.classificationOf(vm).ifPresent(c -> attributes.put("classification", c.name()));
        putFact(attributes, "fromTrust", fromFacts.get("trust"));
        putFact(attributes, "toTrust", toFacts.get("trust"));
        putFact(attributes, "fromClusterTrust", fromFacts.get("clusterTrust"));
        putFact(attributes, "toClusterTrust", toFacts.get("clusterTrust"));
        putFact(attributes, "fromSite", fromFacts.get("site"));
        putFact(attributes, "toSite", toFacts.get("site"));
        attributes.put("violationsBefore", String.join(" | ", before));
        attributes.put("violationsAfter", String.join(" | ", after));
        attributes.put("source", change.sourceId());
        attributes.put("recommendedAction", "migrate it back to a host its classification allows, or quarantine it");
        String checks = after.stream().map(v -> v.substring(0, v.indexOf(':'))).sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(", "));
        String title = "VM " + vm.name() + " moved from " + fromLabel + trust(fromFacts) + " to " + to.name()
                + trust(toFacts) + ": " + checks;
        Severity severity = introduced.isEmpty() ? Severity.MEDIUM : Severity.HIGH;
        Endpoint subject = new Endpoint(null, null, vm.id(), vm.name(), to.id(), to.name(), null, false);
        List<String> evidence = new ArrayList<>();
        evidence.add(change.at() + " " + vm.name() + " host " + fromLabel + " -> " + to.name());
        after.forEach(v -> evidence.add((introduced.contains(v) ? "new: " : "already before: ") + v));
        return new Alert(KIND + "|" + vm.id() + "|" + change.at(), KIND, severity, title, null, subject, change.at(),
                change.at(), 1, attributes, evidence);
    }

    private static String trust(Map<String, Object> facts) {
        Object trust = facts.get("trust");
        return trust == null ? "" : " (trust " + trust + ")";
    }

    private static void putFact(Map<String, String> attributes, String key, Object value) {
        if (value != null) {
            attributes.put(key, value.toString());
        }
    }
}
