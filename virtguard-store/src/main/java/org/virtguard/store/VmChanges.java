package org.virtguard.store;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.virtguard.model.ChangeType;
import org.virtguard.model.ObjectType;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;

/** Describes how a VM that stays in the inventory differs from its stored version. */
final class VmChanges {

    private final ChangeLog log;
    private final HostNames hosts;

    VmChanges(ChangeLog log, HostNames hosts) {
        this.log = log;
        this.hosts = hosts;
    }

    /**
     * Logs the changes of one VM.
     *
     * @param before      the stored VM, or {@code null} when only its source changed
     * @param after       the VM as reported now
     * @param sourceMoved whether another source reports it now
     */
    void log(VirtualMachine before, Incoming<VirtualMachine> after, boolean sourceMoved) {
        VirtualMachine now = after.record();
        String source = after.sourceId();
        boolean hostMoved = before != null && !Objects.equals(before.hostId(), now.hostId());
        if (hostMoved || sourceMoved) {
            String oldHost = before != null ? before.hostId() : now.hostId();
            log.add(source, ObjectType.VM, now.id(), now.name(), ChangeType.MOVED_HOST, null,
                    hosts.label(oldHost), hosts.label(now.hostId()));
        }
        if (before == null) {
            return;
        }
        if (before.powerState() != now.powerState()) {
            log.add(source, ObjectType.VM, now.id(), now.name(), ChangeType.POWER_STATE_CHANGED, null,
                    before.powerState().name(), now.powerState().name());
        }
        Set<String> ignored = new HashSet<>(Tables.VM.ignoredFields());
        if (hostMoved) {
            ignored.add("clusterId");
        }
        for (JsonDiff.FieldChange c : JsonDiff.diff(InventoryJson.tree(before), InventoryJson.tree(now), ignored,
                Tables.VM.keyedFields())) {
            log.add(source, ObjectType.VM, now.id(), now.name(), ChangeType.SETTING_CHANGED, c.path(),
                    c.oldValue(), c.newValue());
        }
        logNics(before, now, source);
    }

    private void logNics(VirtualMachine before, VirtualMachine now, String source) {
        Map<String, VirtualNic> old = byId(before);
        Map<String, VirtualNic> current = byId(now);
        for (VirtualNic nic : current.values()) {
            VirtualNic was = old.get(nic.id());
            String name = Tables.nicName(now, nic);
            if (was == null) {
                log.add(source, ObjectType.NIC, nic.id(), name, ChangeType.NIC_ADDED, null, null,
                        NicNetwork.label(nic));
                continue;
            }
            if (!NicNetwork.same(was, nic)) {
                log.add(source, ObjectType.NIC, nic.id(), name, ChangeType.NIC_NETWORK_CHANGED, null,
                        NicNetwork.describe(was, nic), NicNetwork.describe(nic, was));
            }
            for (JsonDiff.FieldChange c : JsonDiff.diff(InventoryJson.tree(was), InventoryJson.tree(nic),
                    Tables.NIC.ignoredFields(), Tables.NIC.keyedFields())) {
                log.add(source, ObjectType.NIC, nic.id(), name, ChangeType.SETTING_CHANGED, c.path(),
                        c.oldValue(), c.newValue());
            }
        }
        for (VirtualNic was : old.values()) {
            if (!current.containsKey(was.id())) {
                log.add(source, ObjectType.NIC, was.id(), Tables.nicName(now, was), ChangeType.NIC_REMOVED, null,
                        NicNetwork.label(was), null);
            }
        }
    }

    private static Map<String, VirtualNic> byId(VirtualMachine vm) {
        Map<String, VirtualNic> nics = new LinkedHashMap<>();
        vm.nics().forEach(n -> nics.put(n.id(), n));
        return nics;
    }
}
