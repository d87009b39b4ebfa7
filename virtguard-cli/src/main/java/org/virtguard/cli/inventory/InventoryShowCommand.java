package org.virtguard.cli.inventory;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.output.Json;
import org.virtguard.model.Console;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.Setting;
import org.virtguard.model.Snapshot;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualDisk;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.Store;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredVm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code virtguard inventory show <vm>}. */
@Command(name = "show", description = "Show everything known about one VM: placement, NICs, consoles, "
        + "security labels, devices, disks, snapshots, settings and its recent changes.")
public final class InventoryShowCommand extends BaseCommand {

    private static final int RECENT_CHANGES = 20;
    private static final int CHANGE_SCAN_LIMIT = 100_000;

    @Parameters(index = "0", paramLabel = "VM", description = "VM name or id.")
    String vm;

    @Option(names = "--json", description = "Print the stored record as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Store store = context().openStore()) {
            InventoryRepository inventory = store.inventory();
            Optional<StoredVm> found = inventory.findVm(vm);
            if (found.isEmpty()) {
                throw new CliException(ErrorCode.NOT_FOUND, "no VM named or with id '" + vm + "' in the inventory");
            }
            StoredVm stored = found.get();
            if (json) {
                out().println(Json.mapper().writeValueAsString(stored));
                out().flush();
                return 0;
            }
            String hostName = inventory.hosts().stream().map(StoredHost::host)
                    .filter(h -> h.id().equals(stored.vm().hostId())).map(h -> h.name()).findFirst()
                    .orElse(stored.vm().hostId());
            print(stored, hostName, out());
            printChanges(inventory, stored.vm().id(), out());
            out().flush();
        }
        return 0;
    }

    private static void print(StoredVm stored, String hostName, PrintWriter out) {
        VirtualMachine vm = stored.vm();
        out.printf("VM %s%n", vm.name());
        field(out, "id", vm.id());
        field(out, "host", hostName + " (" + vm.hostId() + ")");
        field(out, "source", stored.sourceId() + (stored.stale() ? "  [STALE: source unreachable at last sync]" : ""));
        field(out, "power", vm.powerState());
        field(out, "template", vm.template());
        field(out, "guest os", vm.guestOs().describe());
        field(out, "vcpus / memory", vm.vcpus() + " / " + Formats.bytes(vm.memoryBytes()));
        field(out, "first seen", stored.firstSeen());
        field(out, "last seen", stored.lastSeen());
        field(out, "last power on", vm.lastPowerOn().describe());
        field(out, "last power off", vm.lastPowerOff().describe());
        if (vm.annotation() != null && !vm.annotation().isBlank()) {
            field(out, "annotation", vm.annotation().strip());
        }
        section(out, "labels", vm.labels().size());
        for (Map.Entry<String, String> label : vm.labels().entrySet()) {
            out.printf("  %s = %s%n", label.getKey(), label.getValue());
        }
        section(out, "network interfaces", vm.nics().size());
        for (VirtualNic nic : vm.nics()) {
            out.printf("  %s  %s %s%s  model=%s  filter=%s  anti-spoofing=%s  vlan=%s  ips=%s%n", nic.mac(),
                    nic.attachment(), nic.networkName() != null ? nic.networkName() : "",
                    nic.sourceDevice() != null ? " dev=" + nic.sourceDevice() : "", nic.model(),
                    nic.filter() == null ? "none" : nic.filter().name(),
                    nic.filter() == null ? "none" : nic.filter().protections().describe(), nic.vlan().describe(),
                    nic.ipAddresses().describe());
        }
        section(out, "consoles", vm.consoles().size());
        for (Console console : vm.consoles()) {
            out.printf("  %s listen=%s port=%s password=%s beyond-loopback=%s%n", console.type(), console.listens(),
                    console.port() == null ? "auto" : console.port(), console.passwordSet().describe(),
                    console.reachableBeyondLoopback().describe());
        }
        section(out, "security labels", vm.securityLabels().size());
        for (SecurityLabel label : vm.securityLabels()) {
            out.printf("  model=%s type=%s relabel=%s%s%n", label.model(), label.type(), label.relabel(),
                    label.disablesConfinement() ? "  [confinement OFF]" : "");
        }
        section(out, "devices", vm.devices().size());
        for (VirtualDevice device : vm.devices()) {
            out.printf("  %s %s %s%n", device.kind(), device.type() == null ? "" : device.type(),
                    device.description() == null ? device.attributes() : device.description());
        }
        section(out, "disks", vm.disks().size());
        for (VirtualDisk disk : vm.disks()) {
            out.printf("  %s %s %s %s%s%n", disk.device(), disk.target(), disk.sourceType(),
                    disk.path() == null ? "(no media)" : disk.path(), disk.readOnly() ? " read-only" : "");
        }
        section(out, "snapshots", vm.snapshots().size());
        for (Snapshot snapshot : vm.snapshots()) {
            out.printf("  %s  created %s%s%n", snapshot.name(), snapshot.createdAt(), snapshot.current() ? " (current)" : "");
        }
        section(out, "settings", vm.settings().size());
        for (Setting setting : vm.settings().values()) {
            out.printf("  %s = %s%n", setting.key(), setting.describe());
        }
    }

    private static void printChanges(InventoryRepository inventory, String vmId, PrintWriter out) {
        var changes = inventory.changes(null, CHANGE_SCAN_LIMIT).stream()
                .filter(c -> c.objectId().equals(vmId) || c.objectId().startsWith(vmId + "/")).toList();
        section(out, "recent changes", changes.size());
        for (InventoryChange c : changes.subList(Math.max(0, changes.size() - RECENT_CHANGES), changes.size())) {
            out.printf("  %s  %s %s%s%n", c.at(), c.type(), c.field() == null ? "" : c.field() + " ",
                    (c.oldValue() == null && c.newValue() == null ? "" : InventoryTables.shorten(c.oldValue()) + " -> " + InventoryTables.shorten(c.newValue())));
        }
    }

    private static void field(PrintWriter out, String name, Object value) {
        out.printf("  %-16s %s%n", name + ":", value);
    }

    private static void section(PrintWriter out, String name, int count) {
        out.printf("%s (%d)%n", name, count);
    }
}
