package org.virtguard.cli.logs;

import java.nio.file.Path;
import java.util.List;

import org.virtguard.cli.AppContext;
import org.virtguard.cli.policy.ZonePolicyFile;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.spi.EndpointResolver;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.Store;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import picocli.CommandLine.Option;

/** Where alert sources are attributed: trust zones from a policy file, VMs from the stored inventory. */
final class AttributionOptions {

    @Option(names = "--zones", paramLabel = "FILE",
            description = "Zone policy (the same file as for serve and scan); logins from outside a management zone raise alerts.")
    Path zonesFile;

    @Option(names = "--inventory", description = "Attribute source addresses to VMs and hosts from the stored inventory.")
    boolean inventory;

    EndpointResolver resolver(AppContext context) {
        if (zonesFile == null && !inventory) {
            return EndpointResolver.none();
        }
        ZoneResolver zones = ZoneResolver.none();
        if (zonesFile != null) {
            zones = ZonePolicyFile.load(zonesFile);
        }
        LiveEndpointIndex index = new LiveEndpointIndex(zones);
        if (inventory) {
            try (Store store = context.openStore()) {
                index.update(store.inventory().hosts().stream().map(StoredHost::host).toList(),
                        store.inventory().vms().stream().map(StoredVm::vm).toList(),
                        store.inventory().networks().stream().map(StoredNetwork::network).toList());
            }
        } else {
            index.update(List.of(), List.of(), List.of());
        }
        return index;
    }
}
