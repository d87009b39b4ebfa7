package org.virtguard.connector.vsphere.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;

/** The advanced options of every host, read from each host's {@code OptionManager} in one call. */
final class AdvancedOptions {

    private final Map<String, Map<String, OptionValues.Value>> byManager;
    private final String failure;

    private AdvancedOptions(Map<String, Map<String, OptionValues.Value>> byManager, String failure) {
        this.byManager = byManager;
        this.failure = failure;
    }

    static AdvancedOptions read(Vim25Client client, List<ObjectContent> hosts) throws TransportException {
        List<ManagedObjectRef> managers = new ArrayList<>();
        for (ObjectContent h : hosts) {
            ManagedObjectRef m = Xml.ref(h.get("configManager.advancedOption"));
            if (m != null) {
                managers.add(m);
            }
        }
        Map<String, Map<String, OptionValues.Value>> out = new HashMap<>();
        try {
            for (ObjectContent oc : client.retrieveObjects(managers, Props.OPTION_SETTINGS)) {
                if (oc.get("setting") != null) {
                    out.put(oc.obj().value(), OptionValues.read(oc.get("setting")));
                }
            }
        } catch (SoapFaultException e) {
            return new AdvancedOptions(out, "access denied (" + e.faultType() + ")");
        }
        return new AdvancedOptions(out, null);
    }

    Map<String, OptionValues.Value> of(ObjectContent host) {
        ManagedObjectRef m = Xml.ref(host.get("configManager.advancedOption"));
        return m == null ? null : byManager.get(m.value());
    }

    String reasonFor(ObjectContent host) {
        if (failure != null) {
            return failure;
        }
        ManagedObjectRef m = Xml.ref(host.get("configManager.advancedOption"));
        return m == null ? host.whyMissing("configManager.advancedOption") : "the host's option manager reported no settings";
    }
}
