package org.virtguard.connector.vsphere.inventory;

import java.util.HashMap;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.Xml;
import org.w3c.dom.Element;

/** Names the switches and port groups that VM NIC backings point at. */
final class NetworkLookup {

    private final Map<String, String> dvPortgroupNames = new HashMap<>();
    private final Map<String, String> dvPortgroupSwitch = new HashMap<>();
    private final Map<String, String> dvsNamesByRef = new HashMap<>();
    private final Map<String, String> dvsNamesByUuid = new HashMap<>();
    private final Map<String, Map<String, String>> vswitchByHostAndPortGroup = new HashMap<>();

    void addDvs(ObjectContent dvs) {
        String name = dvs.text("name");
        dvsNamesByRef.put(dvs.obj().value(), name);
        if (dvs.text("uuid") != null) {
            dvsNamesByUuid.put(dvs.text("uuid"), name);
        }
    }

    void addDvPortgroup(ObjectContent pg) {
        String key = pg.text("key") != null ? pg.text("key") : pg.obj().value();
        dvPortgroupNames.put(key, pg.text("name"));
        dvPortgroupNames.put(pg.obj().value(), pg.text("name"));
        ManagedObjectRef dvs = Xml.ref(pg.get("config.distributedVirtualSwitch"));
        if (dvs != null) {
            dvPortgroupSwitch.put(key, dvs.value());
            dvPortgroupSwitch.put(pg.obj().value(), dvs.value());
        }
    }

    void addHost(ObjectContent host) {
        Map<String, String> byName = new HashMap<>();
        for (Element pg : Xml.children(host.get("config.network.portgroup"))) {
            byName.put(Xml.text(pg, "spec.name"), Xml.text(pg, "spec.vswitchName"));
        }
        vswitchByHostAndPortGroup.put(host.obj().value(), byName);
    }

    String dvPortgroupName(String key) {
        return dvPortgroupNames.get(key);
    }

    /** The DVS name of a port group key, falling back to the switch UUID's name. */
    String dvsName(String portgroupKey, String switchUuid) {
        String ref = dvPortgroupSwitch.get(portgroupKey);
        String name = ref == null ? null : dvsNamesByRef.get(ref);
        return name != null ? name : dvsNamesByUuid.get(switchUuid);
    }

    String vswitch(ManagedObjectRef host, String portGroup) {
        Map<String, String> byName = host == null ? null : vswitchByHostAndPortGroup.get(host.value());
        return byName == null ? null : byName.get(portGroup);
    }
}
