package org.virtguard.connector.vsphere.actions;

import java.util.Locale;
import java.util.Set;

import org.virtguard.connector.vsphere.soap.Xml;
import org.w3c.dom.Element;

/**
 * One virtual Ethernet card of a VM as the server reported it.
 *
 * @param device     the {@code VirtualDevice} element (with {@code xsi:type}, key, backing, ...)
 * @param type       the device type, e.g. {@code VirtualVmxnet3}
 * @param key        the device key
 * @param mac        the MAC address in lower case, or {@code null}
 * @param standardPg the standard port group name of its backing, or {@code null}
 * @param dvPgKey    the DV port group key of its backing, or {@code null}
 */
record EthernetCard(Element device, String type, int key, String mac, String standardPg, String dvPgKey) {

    private static final Set<String> ETHERNET = Set.of("VirtualE1000", "VirtualE1000e", "VirtualVmxnet",
            "VirtualVmxnet2", "VirtualVmxnet3", "VirtualVmxnet3Vrdma", "VirtualPCNet32", "VirtualSriovEthernetCard");

    /** Reads a device element; {@code null} when it is not an Ethernet card or has no usable key and type. */
    static EthernetCard of(Element device) {
        String type = Xml.type(device);
        if (type == null || !ETHERNET.contains(type) && Xml.child(device, "macAddress") == null) {
            return null;
        }
        Long key = Xml.number(device, "key");
        if (key == null || !type.matches("[A-Za-z0-9_]{1,80}")) {
            return null;
        }
        String mac = Xml.text(device, "macAddress");
        Element backing = Xml.child(device, "backing");
        String backingType = Xml.type(backing);
        String standard = "VirtualEthernetCardNetworkBackingInfo".equals(backingType)
                ? Xml.text(backing, "deviceName") : null;
        String dvKey = "VirtualEthernetCardDistributedVirtualPortBackingInfo".equals(backingType)
                ? Xml.text(backing, "port.portgroupKey") : null;
        return new EthernetCard(device, type, key.intValue(),
                mac == null || mac.isEmpty() ? null : mac.toLowerCase(Locale.ROOT), standard, dvKey);
    }

    /** The MAC for messages. */
    String shownMac() {
        return mac == null ? "(no MAC, key " + key + ")" : mac;
    }
}
