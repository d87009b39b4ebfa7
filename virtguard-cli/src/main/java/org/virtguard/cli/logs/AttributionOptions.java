package org.virtguard.cli.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.virtguard.cli.AppContext;
import org.virtguard.cli.CliException;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.model.ErrorCode;
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
            description = "Policy YAML with a zones: list (name, trust, management, cidrs); logins from outside a management zone raise alerts.")
    Path zonesFile;

    @Option(names = "--inventory", description = "Attribute source addresses to VMs and hosts from the stored inventory.")
    boolean inventory;

    EndpointResolver resolver(AppContext context) {
        if (zonesFile == null && !inventory) {
            return EndpointResolver.none();
        }
        ZoneResolver zones = ZoneResolver.none();
        if (zonesFile != null) {
            try {
                if (!Files.isRegularFile(zonesFile)) {
                    throw new CliException(ErrorCode.NOT_FOUND, "zones file " + zonesFile + " does not exist", 2);
                }
                zones = SegmentationPolicy.zones(Files.readString(zonesFile), zonesFile.toString());
            } catch (IOException e) {
                throw new CliException(ErrorCode.INVALID_CONFIG, zonesFile + ": " + e.getMessage(), 2);
            } catch (IllegalArgumentException e) {
                throw new CliException(ErrorCode.INVALID_CONFIG, e.getMessage(), 2);
            }
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
