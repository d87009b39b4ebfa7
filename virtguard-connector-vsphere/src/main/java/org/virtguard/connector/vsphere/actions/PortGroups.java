package org.virtguard.connector.vsphere.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The port groups visible to one host, by name; resolves names from policy files to backings. */
final class PortGroups {

    private final String hostName;
    private final Map<String, PortGroup> standardByName = new LinkedHashMap<>();
    private final Map<String, PortGroup> distributedByKey = new LinkedHashMap<>();

    PortGroups(String hostName) {
        this.hostName = hostName;
    }

    /** Adds a port group; a standard one seen twice keeps the entry that knows its {@code Network}. */
    void add(PortGroup pg) {
        if (pg.name() == null || pg.name().isEmpty()) {
            return;
        }
        if (pg.distributed()) {
            distributedByKey.put(pg.dvKey(), pg);
        } else {
            standardByName.merge(pg.name(), pg, (old, neu) -> old.ref() != null ? old : neu);
        }
    }

    /**
     * The port group with this name.
     *
     * @throws ActionException NOT_FOUND when the host sees none, ACTION_FAILED when the name is ambiguous
     */
    PortGroup named(String name, VmFacts vm) throws ActionException {
        List<PortGroup> found = new ArrayList<>();
        if (standardByName.containsKey(name)) {
            found.add(standardByName.get(name));
        }
        distributedByKey.values().stream().filter(p -> p.name().equals(name)).forEach(found::add);
        if (found.isEmpty()) {
            throw ActionException.notFound("port group " + Names.q(name) + " not found on host " + Names.q(hostName)
                    + " of " + vm.shown());
        }
        if (found.size() > 1) {
            throw ActionException.failed("port group name " + Names.q(name) + " is ambiguous on host "
                    + Names.q(hostName) + " of " + vm.shown() + " (" + found.size() + " port groups)");
        }
        return found.get(0);
    }

    /** The name of the port group a NIC is on now (its key when the host does not see it). */
    String current(EthernetCard nic) {
        if (nic.standardPg() != null) {
            return nic.standardPg();
        }
        if (nic.dvPgKey() != null) {
            PortGroup pg = distributedByKey.get(nic.dvPgKey());
            return pg != null ? pg.name() : nic.dvPgKey();
        }
        return "(none)";
    }

    /** Whether the NIC is already on this port group. */
    static boolean isOn(EthernetCard nic, PortGroup pg) {
        return pg.distributed() ? pg.dvKey().equals(nic.dvPgKey()) : pg.name().equals(nic.standardPg());
    }
}
