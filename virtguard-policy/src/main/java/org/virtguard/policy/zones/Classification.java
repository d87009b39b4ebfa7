package org.virtguard.policy.zones;

import java.util.List;

/**
 * A class of VMs (by label, tag or name) and where such VMs may be placed.
 *
 * @param allowedZones      zones its vNICs may be in; empty means any
 * @param minHostTrust      least trust level of the host and cluster it runs on, or {@code null}
 * @param allowedSites      sites its host may be in; empty means any
 * @param allowedDatastores datastore / pool globs its disks may use; empty means any
 */
public record Classification(String name, Selector match, List<String> allowedZones, Integer minHostTrust,
                             List<String> allowedSites, List<String> allowedDatastores) {
    public Classification {
        allowedZones = List.copyOf(allowedZones == null ? List.of() : allowedZones);
        allowedSites = List.copyOf(allowedSites == null ? List.of() : allowedSites);
        allowedDatastores = List.copyOf(allowedDatastores == null ? List.of() : allowedDatastores);
    }
}
