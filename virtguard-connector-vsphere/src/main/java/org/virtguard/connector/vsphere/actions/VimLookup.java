package org.virtguard.connector.vsphere.actions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.connector.vsphere.inventory.TemplateProvenance;
import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;
import org.w3c.dom.Element;

/** Reads the current state actions are checked against: VMs, the port groups their host sees, names. */
final class VimLookup {

    private static final List<String> VM_PROPS = List.of("name", "config.instanceUuid", "config.template",
            "config.hardware.device", "runtime.host", "runtime.powerState", "resourcePool", "parent", "snapshot");

    private final Vim25Client client;

    VimLookup(Vim25Client client) {
        this.client = client;
    }

    /**
     * The VM with this id (its instance UUID).
     *
     * @throws ActionException NOT_FOUND when there is none
     */
    VmFacts vm(String vmId) throws ActionException, SoapFaultException, TransportException {
        ManagedObjectRef ref = vmId != null && vmId.matches("[0-9a-fA-F-]{32,36}")
                ? client.findVmByInstanceUuid(vmId) : null;
        VmFacts vm = ref == null ? null : vm(ref);
        if (vm == null) {
            throw ActionException.notFound("VM " + Names.q(vmId) + " not found");
        }
        return vm;
    }

    /** The VM behind a reference, or {@code null} when it no longer exists. */
    VmFacts vm(ManagedObjectRef ref) throws SoapFaultException, TransportException {
        List<ObjectContent> found;
        try {
            found = client.retrieveObjects(List.of(ref), new PropertyRequest("VirtualMachine", VM_PROPS));
        } catch (SoapFaultException e) {
            if (e.is("ManagedObjectNotFound")) {
                return null;
            }
            throw e;
        }
        if (found.isEmpty()) {
            return null;
        }
        ObjectContent oc = found.get(0);
        List<EthernetCard> nics = new ArrayList<>();
        for (Element device : Xml.children(oc.get("config.hardware.device"))) {
            EthernetCard nic = EthernetCard.of(device);
            if (nic != null) {
                nics.add(nic);
            }
        }
        return new VmFacts(ref, oc.text("name") != null ? oc.text("name") : ref.value(),
                oc.text("config.instanceUuid"), "true".equals(oc.text("config.template")),
                oc.text("runtime.powerState"), Xml.ref(oc.get("runtime.host")), Xml.ref(oc.get("resourcePool")),
                folderOrNull(Xml.ref(oc.get("parent"))), nics, oc.get("snapshot"));
    }

    /**
     * When a template was last updated ({@code config.modified}, else {@code config.createDate} where the server
     * has it), or {@code null} when unknown.
     */
    Instant templateUpdated(ManagedObjectRef template) throws SoapFaultException, TransportException {
        List<String> paths = TemplateProvenance.ageProperties(client.content().apiVersion());
        List<ObjectContent> found = client.retrieveObjects(List.of(template),
                new PropertyRequest("VirtualMachine", paths));
        if (found.isEmpty()) {
            return null;
        }
        return TemplateProvenance.templateUpdated(found.get(0).text("config.modified"),
                found.get(0).text("config.createDate"));
    }

    private static ManagedObjectRef folderOrNull(ManagedObjectRef parent) {
        return parent != null && "Folder".equals(parent.type()) ? parent : null;
    }

    /** The name of any managed entity, its id when it has none. */
    String nameOf(ManagedObjectRef ref) throws SoapFaultException, TransportException {
        if (ref == null) {
            return "?";
        }
        List<ObjectContent> found = client.retrieveObjects(List.of(ref), new PropertyRequest(ref.type(), List.of("name")));
        String name = found.isEmpty() ? null : found.get(0).text("name");
        return name != null ? name : ref.value();
    }

    /** The standard and distributed port groups the host sees. */
    PortGroups portGroups(ManagedObjectRef host) throws SoapFaultException, TransportException {
        if (host == null) {
            return new PortGroups("?");
        }
        ObjectContent h = client.retrieveObjects(List.of(host), new PropertyRequest("HostSystem",
                List.of("name", "network", "config.network.portgroup", "configManager.networkSystem")))
                .stream().findFirst().orElse(null);
        PortGroups out = new PortGroups(h == null || h.text("name") == null ? host.value() : h.text("name"));
        if (h == null) {
            return out;
        }
        for (Element pg : Xml.children(h.get("config.network.portgroup"))) {
            out.add(new PortGroup(Xml.text(pg, "spec.name"), null, null, null));
        }
        // the network system is the live source; the host's config may lag behind a port group just added
        ManagedObjectRef networkSystem = Xml.ref(h.get("configManager.networkSystem"));
        if (networkSystem != null) {
            for (ObjectContent ns : client.retrieveObjects(List.of(networkSystem),
                    new PropertyRequest("HostNetworkSystem", List.of("networkInfo.portgroup")))) {
                for (Element pg : Xml.children(ns.get("networkInfo.portgroup"))) {
                    out.add(new PortGroup(Xml.text(pg, "spec.name"), null, null, null));
                }
            }
        }
        List<ManagedObjectRef> standard = new ArrayList<>();
        List<ManagedObjectRef> distributed = new ArrayList<>();
        for (Element n : Xml.children(h.get("network"))) {
            ManagedObjectRef ref = Xml.ref(n);
            if (ref != null && "Network".equals(ref.type())) {
                standard.add(ref);
            } else if (ref != null && "DistributedVirtualPortgroup".equals(ref.type())) {
                distributed.add(ref);
            }
        }
        for (ObjectContent n : client.retrieveObjects(standard, new PropertyRequest("Network", List.of("name")))) {
            out.add(new PortGroup(n.text("name"), n.obj(), null, null));
        }
        List<ObjectContent> pgs = client.retrieveObjects(distributed, new PropertyRequest("DistributedVirtualPortgroup",
                List.of("name", "key", "config.distributedVirtualSwitch")));
        Map<ManagedObjectRef, String> uuids = new HashMap<>();
        for (ObjectContent pg : pgs) {
            ManagedObjectRef dvs = Xml.ref(pg.get("config.distributedVirtualSwitch"));
            if (dvs != null && !uuids.containsKey(dvs)) {
                uuids.put(dvs, client.retrieveObjects(List.of(dvs), new PropertyRequest(dvs.type(), List.of("uuid")))
                        .stream().findFirst().map(o -> o.text("uuid")).orElse(null));
            }
            String uuid = dvs == null ? null : uuids.get(dvs);
            String key = pg.text("key") != null ? pg.text("key") : pg.obj().value();
            if (uuid != null) {
                out.add(new PortGroup(pg.text("name"), pg.obj(), key, uuid));
            }
        }
        return out;
    }

    /** Every VM and template with its name, template flag and folder. */
    void allVms(Consumer<ObjectContent> sink) throws SoapFaultException, TransportException {
        ManagedObjectRef view = client.createContainerView(List.of("VirtualMachine"));
        try {
            client.retrieveFromView(view, List.of(new PropertyRequest("VirtualMachine",
                    List.of("name", "config.template", "parent"))), sink);
        } finally {
            client.destroyView(view);
        }
    }
}
