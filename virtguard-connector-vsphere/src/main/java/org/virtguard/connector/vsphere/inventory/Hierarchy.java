package org.virtguard.connector.vsphere.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.Xml;

/** The parent links of folders, datacenters and compute resources, to find each object's cluster and datacenter. */
final class Hierarchy {

    private static final int MAX_DEPTH = 128;

    private final Map<String, ManagedObjectRef> parents = new HashMap<>();

    Hierarchy(Map<String, List<ObjectContent>> byType) {
        byType.values().forEach(list -> list.forEach(oc -> {
            ManagedObjectRef parent = Xml.ref(oc.get("parent"));
            if (parent != null) {
                parents.put(oc.obj().value(), parent);
            }
        }));
    }

    /** The cluster of a host, or {@code null} for a standalone host. */
    ManagedObjectRef clusterOf(ObjectContent host) {
        ManagedObjectRef parent = Xml.ref(host.get("parent"));
        return parent != null && "ClusterComputeResource".equals(parent.type()) ? parent : null;
    }

    /** The datacenter above an object, or {@code null}. */
    ManagedObjectRef datacenterOf(ManagedObjectRef obj) {
        ManagedObjectRef current = obj;
        for (int i = 0; i < MAX_DEPTH && current != null; i++) {
            if ("Datacenter".equals(current.type())) {
                return current;
            }
            current = parents.get(current.value());
        }
        return null;
    }
}
