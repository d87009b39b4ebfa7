package org.virtguard.connector.vsphere.inventory;

import java.util.Locale;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;

/**
 * Builds model ids as docs/model-conventions.md fixes them: {@code vsphere:<vc>:<moref>} for hosts, clusters,
 * sites and DV port groups, {@code vsphere:<vc>:<host moref>/pg/<name>} for standard port groups, and the lower-case
 * instance UUID for VMs.
 *
 * @param scope the vCenter instance UUID, or the source id for a standalone host
 */
public record VsphereIds(String scope) {

    public String of(ManagedObjectRef ref) {
        return ref == null ? null : "vsphere:" + scope + ":" + ref.value();
    }

    public String standardPortGroup(ManagedObjectRef host, String name) {
        return of(host) + "/pg/" + name;
    }

    public static String vm(String instanceUuid) {
        return instanceUuid.toLowerCase(Locale.ROOT);
    }
}
