package org.virtguard.flows.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.virtguard.flows.decode.Addresses;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.net.Cidr;
import org.virtguard.spi.ZoneResolver;

/**
 * An immutable snapshot of the inventory as an address index: IP or MAC → vNIC → VM → host → zone. Addresses no
 * VM owns but inside a VM network's subnet resolve to an "unknown talker" endpoint (a rogue-VM signal); host
 * management addresses resolve to their host. Lookups of known addresses do not allocate.
 *
 * <p>Thread-safe for lookups except {@link #lookup}'s external-address cache, which belongs to the one thread
 * that uses this index for flow attribution; {@link #resolve(String)} does not touch it.
 */
public final class EndpointIndex {

    private static final int EXTERNAL_CACHE_LIMIT = 1 << 18;
    /** Up to this many zone prefixes, matching them is cheaper than the external-address cache's memory traffic. */
    private static final int DIRECT_ZONE_PREFIXES = 64;

    private final AddressTable<Endpoint> byAddress;
    private final Map<Long, Endpoint> byMac;
    private final List<Cidr> vmSubnets;
    private final List<Endpoint> unknownBySubnet;
    private final ZoneResolver zones;
    private final Map<String, VirtualMachine> vmsById;
    private final Map<String, String> classifications;
    private final AddressTable<Endpoint> externalCache = new AddressTable<>();
    private final Endpoint noZone = Endpoint.unattributed(null);
    /** The resolver's address-to-zone networks, when it has a list of them; else null. */
    private final ZonePrefixes zonePrefixes;
    /** With few networks: the external endpoint of each network's zone, matched on every lookup; else null. */
    private final Endpoint[] zoneEndpoints;

    private EndpointIndex(AddressTable<Endpoint> byAddress, Map<Long, Endpoint> byMac, List<Cidr> vmSubnets,
                          List<Endpoint> unknownBySubnet, ZoneResolver zones, Map<String, VirtualMachine> vmsById) {
        this.byAddress = byAddress;
        this.byMac = byMac;
        this.vmSubnets = vmSubnets;
        this.unknownBySubnet = unknownBySubnet;
        this.zones = zones;
        this.vmsById = vmsById;
        Map<String, String> c = new HashMap<>();
        vmsById.forEach((id, vm) -> {
            String label = vm.labels() == null ? null : vm.labels().get(CLASSIFICATION_LABEL);
            if (label != null) {
                c.put(id, label.intern());
            }
        });
        this.classifications = Map.copyOf(c);
        this.zonePrefixes = ZonePrefixes.of(zones);
        if (zonePrefixes != null && zonePrefixes.size() <= DIRECT_ZONE_PREFIXES) {
            zoneEndpoints = new Endpoint[zonePrefixes.size()];
            Map<TrustZone, Endpoint> byZone = new HashMap<>();
            for (int i = 0; i < zoneEndpoints.length; i++) {
                zoneEndpoints[i] = byZone.computeIfAbsent(zonePrefixes.zone(i),
                        z -> new Endpoint(null, null, null, null, null, null, z, false));
            }
        } else {
            zoneEndpoints = null;
        }
    }

    /** The VM label holding its classification (e.g. {@code pci}), used by segmentation rules. */
    public static final String CLASSIFICATION_LABEL = "classification";

    /** The classification label of a VM, or {@code null}. Does not allocate. */
    public String classification(String vmId) {
        return vmId == null ? null : classifications.get(vmId);
    }

    /** An index that knows no addresses. */
    public static EndpointIndex empty() {
        return build(List.of(), List.of(), List.of(), ZoneResolver.none());
    }

    /**
     * Builds the index from inventory records. VM addresses come from their vNICs' reported IP addresses; subnets
     * from the networks' IP ranges; zones from {@code zones}.
     */
    public static EndpointIndex build(List<Host> hosts, List<VirtualMachine> vms, List<Network> networks,
                                      ZoneResolver zones) {
        Map<String, String> hostNames = new HashMap<>();
        AddressTable<Endpoint> table = new AddressTable<>();
        Map<Long, Endpoint> macs = new HashMap<>();
        for (Host h : hosts) {
            hostNames.put(h.id(), h.name());
            for (String address : h.managementAddresses()) {
                long[] a = AddressTable.words(address);
                if (a != null) {
                    TrustZone zone = zones.zoneOfAddress(address).orElse(null);
                    table.put(a[0], a[1], new Endpoint(address, null, null, null, h.id(), h.name(), zone, false));
                }
            }
        }
        Map<String, VirtualMachine> byId = new HashMap<>();
        for (VirtualMachine vm : vms) {
            byId.put(vm.id(), vm);
            String hostName = vm.hostId() == null ? null : hostNames.getOrDefault(vm.hostId(), vm.hostId());
            for (VirtualNic nic : vm.nics()) {
                TrustZone zone = zones.zoneOf(vm, nic).orElse(null);
                List<String> ips = nic.ipAddresses() == null ? List.of()
                        : nic.ipAddresses().get().orElse(List.of());
                Endpoint first = null;
                for (String ip : ips) {
                    long[] a = AddressTable.words(ip);
                    if (a == null) {
                        continue;
                    }
                    Endpoint e = new Endpoint(ip, nic.mac(), vm.id(), vm.name(), vm.hostId(), hostName,
                            zone != null ? zone : zones.zoneOfAddress(ip).orElse(null), false);
                    table.put(a[0], a[1], e);
                    first = first == null ? e : first;
                }
                long mac = parseMac(nic.mac());
                if (mac >= 0) {
                    macs.put(mac, first != null ? first
                            : new Endpoint(null, nic.mac(), vm.id(), vm.name(), vm.hostId(), hostName, zone, false));
                }
            }
        }
        List<Cidr> subnets = new ArrayList<>();
        List<Endpoint> unknown = new ArrayList<>();
        for (Network n : networks) {
            for (String range : n.ipRanges() == null ? List.<String>of() : n.ipRanges()) {
                try {
                    Cidr c = Cidr.parse(range);
                    subnets.add(c);
                    TrustZone zone = zones.zoneOfAddress(range.contains("/") ? range.substring(0, range.indexOf('/'))
                            : range).orElse(null);
                    unknown.add(new Endpoint(c.toString(), null, null, null, n.hostId(),
                            hostNames.get(n.hostId()), zone, true));
                } catch (IllegalArgumentException e) {
                    // a range that is not a prefix cannot hold unknown talkers; skip it
                }
            }
        }
        return new EndpointIndex(table, Map.copyOf(macs), List.copyOf(subnets), List.copyOf(unknown), zones,
                Map.copyOf(byId));
    }

    /** How many addresses are attributed to a VM or host. */
    public int size() {
        return byAddress.size();
    }

    /** The VM with the given id, for rules on VM labels (classification). */
    public Optional<VirtualMachine> vm(String vmId) {
        return Optional.ofNullable(vmId == null ? null : vmsById.get(vmId));
    }

    /**
     * Attributes one side of a flow. Returns the owning VM or host endpoint; for an unowned address inside a VM
     * subnet, an endpoint with {@link Endpoint#unknownInVmSubnet()} set whose address is that subnet; otherwise
     * an endpoint carrying only the address's zone (address {@code null}). Never {@code null}.
     */
    public Endpoint lookup(FlowRecord r, boolean source) {
        long hi = r.ipVersion == 6 ? (source ? r.srcHi : r.dstHi) : AddressTable.V4;
        long lo = r.ipVersion == 6 ? (source ? r.srcLo : r.dstLo) : (source ? r.srcLo : r.dstLo) & 0xffff_ffffL;
        Endpoint e = byAddress.get(hi, lo);
        if (e != null) {
            return e;
        }
        if (r.ipVersion == 0) {
            long mac = source ? r.srcMac : r.dstMac;
            Endpoint m = mac == 0 ? null : byMac.get(mac);
            return m != null ? m : noZone;
        }
        Endpoint cached = externalCache.get(hi, lo);
        if (cached != null) {
            return cached;
        }
        Endpoint resolved = unowned(r, source, hi, lo);
        if (externalCache.size() >= EXTERNAL_CACHE_LIMIT) {
            externalCache.clear();
        }
        externalCache.put(hi, lo, resolved);
        return resolved;
    }

    /**
     * An address no VM or host owns: an unknown talker in a VM subnet, or an endpoint carrying only its zone. The
     * answer is cached by {@link #lookup}, so the subnets are scanned once per address, not once per flow.
     */
    private Endpoint unowned(FlowRecord r, boolean source, long hi, long lo) {
        for (int i = 0; i < vmSubnets.size(); i++) {
            if (AddressTable.contains(vmSubnets.get(i), hi, lo)) {
                return unknownBySubnet.get(i);
            }
        }
        if (zoneEndpoints != null) {
            int z = zonePrefixes.indexOf(hi, lo);
            return z < 0 ? noZone : zoneEndpoints[z];
        }
        TrustZone zone;
        if (zonePrefixes != null) {
            int z = zonePrefixes.indexOf(hi, lo);
            zone = z < 0 ? null : zonePrefixes.zone(z);
        } else {
            String text = Addresses.format(r.ipVersion, source ? r.srcHi : r.dstHi, source ? r.srcLo : r.dstLo);
            zone = zones.zoneOfAddress(text).orElse(null);
        }
        return zone == null ? noZone : new Endpoint(null, null, null, null, null, null, zone, false);
    }

    /** Attributes an address given as text; the address is filled into the returned endpoint. */
    public Endpoint resolve(String address) {
        long[] a = AddressTable.words(address);
        if (a == null) {
            return Endpoint.unattributed(address);
        }
        Endpoint e = byAddress.get(a[0], a[1]);
        if (e != null) {
            return e;
        }
        for (int i = 0; i < vmSubnets.size(); i++) {
            if (AddressTable.contains(vmSubnets.get(i), a[0], a[1])) {
                Endpoint u = unknownBySubnet.get(i);
                return new Endpoint(address, null, null, null, u.hostId(), u.hostName(), u.zone(), true);
            }
        }
        TrustZone zone = zones.zoneOfAddress(address).orElse(null);
        return new Endpoint(address, null, null, null, null, null, zone, false);
    }

    static long parseMac(String mac) {
        if (mac == null) {
            return -1;
        }
        String hex = mac.replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 12) {
            return -1;
        }
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
