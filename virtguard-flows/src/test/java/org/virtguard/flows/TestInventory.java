package org.virtguard.flows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.net.Cidr;
import org.virtguard.model.zones.AddressZone;
import org.virtguard.model.Collected;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ZoneResolver;

/** A small inventory and a CIDR-based zone resolver for tests. */
public final class TestInventory {

    public final List<Host> hosts = new ArrayList<>();
    public final List<VirtualMachine> vms = new ArrayList<>();
    public final List<Network> networks = new ArrayList<>();
    private final Map<Cidr, TrustZone> zonesByCidr = new LinkedHashMap<>();

    public TestInventory host(String id, String name, String... managementAddresses) {
        hosts.add(new Host(id, "test", name, Platform.values()[0], HypervisorKind.values()[0], null, null, null,
                null, List.of(managementAddresses), null, null, null, null, null));
        return this;
    }

    public TestInventory vm(String id, String name, String hostId, String ip, String mac) {
        return vm(id, name, hostId, ip, mac, Map.of());
    }

    public TestInventory vm(String id, String name, String hostId, String ip, String mac, Map<String, String> labels) {
        VirtualNic nic = new VirtualNic(id + "/" + mac, id, mac, org.virtguard.model.NicAttachment.BRIDGE, "net", null, null, null, null, "virtio",
                null, null, Collected.of(List.of(ip)), true);
        vms.add(new VirtualMachine(id, name, hostId, null, PowerState.values()[0], null, false, 1, 1 << 30,
                List.of(), List.of(nic), List.of(), List.of(), List.of(), List.of(), labels, null, null, null, null));
        return this;
    }

    public TestInventory network(String id, String hostId, String cidr) {
        networks.add(new Network(id, hostId, id, NetworkKind.values()[0], null, null, null, null, List.of(cidr), null,
                true, null));
        return this;
    }

    public TestInventory zone(String cidr, String name, int trust, boolean management) {
        zonesByCidr.put(Cidr.parse(cidr), new TrustZone(name, trust, management));
        return this;
    }

    public ZoneResolver zones() {
        return new ZoneResolver() {
            @Override
            public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
                return nic.ipAddresses().get().flatMap(ips -> ips.isEmpty() ? Optional.empty()
                        : zoneOfAddress(ips.getFirst()));
            }

            @Override
            public Optional<TrustZone> zoneOfAddress(String address) {
                return zonesByCidr.entrySet().stream().filter(e -> e.getKey().contains(address))
                        .map(Map.Entry::getValue).findFirst();
            }

            @Override
            public Optional<List<AddressZone>> addressZones() {
                return Optional.of(zonesByCidr.entrySet().stream()
                        .map(e -> new AddressZone(e.getKey(), e.getValue())).toList());
            }
        };
    }
}
