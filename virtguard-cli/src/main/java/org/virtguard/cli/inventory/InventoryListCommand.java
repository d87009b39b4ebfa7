package org.virtguard.cli.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.output.Json;
import org.virtguard.cli.output.OutputFormat;
import org.virtguard.cli.output.Table;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.model.Collected;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.Store;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code virtguard inventory list hosts|vms|nics|networks}. */
@Command(name = "list", description = "List hosts, VMs, vNICs or networks as last synced.")
public final class InventoryListCommand extends BaseCommand {

    /** What to list. */
    public enum Kind { hosts, vms, nics, networks }

    @Parameters(index = "0", paramLabel = "KIND", description = "One of: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        try (Store store = context().openStore()) {
            InventoryRepository inventory = store.inventory();
            List<StoredHost> hosts = inventory.hosts();
            Map<String, String> hostNames = hosts.stream()
                    .collect(Collectors.toMap(h -> h.host().id(), h -> h.host().name(), (a, b) -> a));
            switch (kind) {
                case hosts -> emit(hosts, InventoryTables.hosts(hosts, inventory.vms()));
                case vms -> {
                    List<StoredVm> vms = inventory.vms();
                    emit(vms, InventoryTables.vms(vms, hostNames));
                }
                case nics -> {
                    List<StoredVm> vms = inventory.vms();
                    List<Map<String, Object>> json = new ArrayList<>();
                    for (StoredVm vm : vms) {
                        for (VirtualNic nic : vm.vm().nics()) {
                            Map<String, Object> row = new HashMap<>();
                            row.put("vm", vm.vm().name());
                            row.put("host", hostNames.get(vm.vm().hostId()));
                            row.put("nic", nic);
                            json.add(row);
                        }
                    }
                    emit(json, InventoryTables.nics(vms, hostNames));
                }
                case networks -> {
                    List<StoredNetwork> networks = inventory.networks();
                    emit(networks, InventoryTables.networks(networks, hostNames));
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }
        return 0;
    }

    private void emit(Object jsonValue, Table table) throws Exception {
        switch (format) {
            case JSON -> {
                out().println(Json.mapper().writeValueAsString(jsonValue));
                out().flush();
            }
            case CSV -> TableWriter.csv(table, out());
            default -> TableWriter.text(table, out());
        }
    }

}
