package org.virtguard.connector.vsphere.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.connector.vsphere.soap.SoapWriter;
import org.virtguard.connector.vsphere.soap.Xml;
import org.w3c.dom.Element;

/**
 * Builds the {@code deviceChange} list of a {@code ReconfigVM_Task} that moves, adds or removes Ethernet cards.
 * Edited cards keep their key, label, controller, unit, MAC and connection state; only the backing changes.
 */
final class DeviceChanges {

    /** The card type used when a template has fewer NICs than the old VM. */
    static final String NEW_NIC_TYPE = "VirtualVmxnet3";

    private final List<Consumer<SoapWriter>> changes = new ArrayList<>();
    private int nextNewKey = -100;

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Puts an existing card on another port group. */
    DeviceChanges move(EthernetCard nic, PortGroup to) {
        changes.add(w -> {
            w.open("deviceChange", null).text("operation", "edit");
            writeCard(w, nic, to);
            w.close("deviceChange");
        });
        return this;
    }

    /** Adds a new card on a port group. */
    DeviceChanges add(PortGroup on) {
        int key = nextNewKey--;
        changes.add(w -> {
            w.open("deviceChange", null).text("operation", "add").open("device", NEW_NIC_TYPE)
                    .text("key", Integer.toString(key));
            backing(w, on);
            w.open("connectable", null).text("startConnected", "true").text("allowGuestControl", "true")
                    .text("connected", "true").close("connectable")
                    .text("addressType", "generated").close("device").close("deviceChange");
        });
        return this;
    }

    /** Removes a card. */
    DeviceChanges remove(EthernetCard nic) {
        changes.add(w -> {
            w.open("deviceChange", null).text("operation", "remove");
            writeCard(w, nic, null);
            w.close("deviceChange");
        });
        return this;
    }

    /** Writes the {@code spec} argument of {@code ReconfigVM_Task}. */
    void writeSpec(SoapWriter w) {
        writeSpec(w, Map.of());
    }

    /**
     * Writes the {@code spec} argument of {@code ReconfigVM_Task} with these string {@code extraConfig} entries
     * too (added, or replacing the VM's value for the key).
     */
    void writeSpec(SoapWriter w, Map<String, String> extraConfig) {
        w.open("spec", null);
        changes.forEach(c -> c.accept(w));
        extraConfig.forEach((key, value) -> w.open("extraConfig", null).text("key", key)
                .typed("value", "xsd:string", value).close("extraConfig"));
        w.close("spec");
    }

    /** The card in WSDL order: VirtualDevice fields, then VirtualEthernetCard fields. */
    private static void writeCard(SoapWriter w, EthernetCard nic, PortGroup newBacking) {
        Element d = nic.device();
        w.open("device", nic.type()).text("key", Integer.toString(nic.key()));
        Element info = Xml.child(d, "deviceInfo");
        if (info != null) {
            w.open("deviceInfo", null).text("label", Xml.text(info, "label"))
                    .text("summary", Xml.text(info, "summary") == null ? "" : Xml.text(info, "summary"))
                    .close("deviceInfo");
        }
        if (newBacking != null) {
            backing(w, newBacking);
        }
        Element connectable = Xml.child(d, "connectable");
        if (connectable != null) {
            w.open("connectable", null)
                    .text("startConnected", bool(connectable, "startConnected", "true"))
                    .text("allowGuestControl", bool(connectable, "allowGuestControl", "true"))
                    .text("connected", bool(connectable, "connected", "false"))
                    .close("connectable");
        }
        Long controller = Xml.number(d, "controllerKey");
        Long unit = Xml.number(d, "unitNumber");
        w.text("controllerKey", controller == null ? null : controller.toString())
                .text("unitNumber", unit == null ? null : unit.toString())
                .text("addressType", Xml.text(d, "addressType"))
                .text("macAddress", Xml.text(d, "macAddress"));
        Boolean wol = Xml.bool(d, "wakeOnLanEnabled");
        w.text("wakeOnLanEnabled", wol == null ? null : wol.toString());
        w.close("device");
    }

    private static String bool(Element parent, String name, String fallback) {
        Boolean b = Xml.bool(parent, name);
        return b == null ? fallback : b.toString();
    }

    private static void backing(SoapWriter w, PortGroup pg) {
        if (pg.distributed()) {
            w.open("backing", "VirtualEthernetCardDistributedVirtualPortBackingInfo").open("port", null)
                    .text("switchUuid", pg.switchUuid()).text("portgroupKey", pg.dvKey())
                    .close("port").close("backing");
        } else {
            w.open("backing", "VirtualEthernetCardNetworkBackingInfo").text("deviceName", pg.name())
                    .text("useAutoDetect", "false");
            if (pg.ref() != null) {
                w.ref("network", pg.ref());
            }
            w.close("backing");
        }
    }
}
