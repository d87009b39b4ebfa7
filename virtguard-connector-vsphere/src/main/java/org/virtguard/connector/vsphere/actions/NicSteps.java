package org.virtguard.connector.vsphere.actions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;

/** Plans quarantine and release: each NIC's backing is switched to a port group in one {@code ReconfigVM_Task}. */
final class NicSteps {

    private final VimLookup lookup;
    private final Tasks tasks;

    NicSteps(VimLookup lookup, Tasks tasks) {
        this.lookup = lookup;
        this.tasks = tasks;
    }

    /** Every NIC of the VM to the quarantine port group. */
    List<Step> quarantine(VmFacts vm, String portGroup) throws ActionException, SoapFaultException, TransportException {
        PortGroups visible = lookup.portGroups(vm.host());
        PortGroup target = visible.named(portGroup, vm);
        Map<EthernetCard, PortGroup> moves = new LinkedHashMap<>();
        vm.nics().forEach(n -> moves.put(n, target));
        if (vm.nics().isEmpty()) {
            return List.of(Step.nothing(vm.shown() + " has no NICs: nothing to move"));
        }
        return steps(vm, visible, moves);
    }

    /** The NICs named by MAC back to their port groups, in device order; NICs not named stay where they are. */
    List<Step> release(VmFacts vm, Map<String, String> networksByMac)
            throws ActionException, SoapFaultException, TransportException {
        PortGroups visible = lookup.portGroups(vm.host());
        Map<String, String> wanted = new HashMap<>();
        networksByMac.forEach((mac, network) -> wanted.put(mac.toLowerCase(Locale.ROOT), network));
        Set<String> macs = new HashSet<>();
        vm.nics().forEach(n -> macs.add(n.mac()));
        for (String mac : new TreeSet<>(wanted.keySet())) {
            if (!macs.contains(mac)) {
                throw ActionException.notFound(vm.shown() + " has no NIC with MAC " + Names.q(mac));
            }
        }
        Map<EthernetCard, PortGroup> moves = new LinkedHashMap<>();
        for (EthernetCard nic : vm.nics()) {
            if (nic.mac() != null && wanted.containsKey(nic.mac())) {
                moves.put(nic, visible.named(wanted.get(nic.mac()), vm));
            }
        }
        if (moves.isEmpty()) {
            return List.of(Step.nothing("no NICs of " + vm.shown() + " given: nothing to move"));
        }
        return steps(vm, visible, moves);
    }

    private List<Step> steps(VmFacts vm, PortGroups visible, Map<EthernetCard, PortGroup> moves) {
        List<Step> out = new ArrayList<>();
        DeviceChanges changes = new DeviceChanges();
        List<String> lines = new ArrayList<>();
        moves.forEach((nic, pg) -> {
            String from = visible.current(nic);
            if (PortGroups.isOn(nic, pg)) {
                out.add(Step.nothing("NIC " + nic.shownMac() + ": already on port group " + Names.q(pg.name())));
            } else {
                changes.move(nic, pg);
                lines.add("NIC " + nic.shownMac() + ": port group " + Names.q(from) + " -> " + Names.q(pg.name()));
            }
        });
        if (changes.isEmpty()) {
            return out;
        }
        // one reconfiguration moves every NIC at once, so the VM is never half quarantined
        for (int i = 0; i < lines.size(); i++) {
            out.add(new Step(lines.get(i), i == 0 ? p -> tasks.run("ReconfigVM_Task", vm.ref(), vm.shown(),
                    changes::writeSpec) : null));
        }
        return out;
    }
}
