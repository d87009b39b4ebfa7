package org.virtguard.policy.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.Host;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.net.Cidr;
import org.virtguard.model.zones.AddressZone;
import org.virtguard.model.zones.SegmentationMatrix;
import org.virtguard.spi.ZoneResolver;

/**
 * A zone policy: trust zones, VM classifications, host and cluster trust, anti-affinity groups and the
 * zone-to-zone segmentation matrix. Zones are tried in file order; the first that matches a vNIC (by network or
 * port group name, VLAN, the VM's labels, or the vNIC's addresses) is its zone. One policy serves the checks, the
 * flow analysis (address attribution and segmentation) and the logs.
 *
 * @param segmentation which traffic may cross zones; {@link SegmentationMatrix#denyBetweenZones()} when the file
 *                     has no {@code segmentation:} section
 */
public record ZonePolicy(String origin, List<ZoneDefinition> zones, List<Classification> classifications,
                         List<HostRule> hostRules, List<AntiAffinityGroup> antiAffinity,
                         SegmentationMatrix segmentation) implements ZoneResolver {

    public ZonePolicy {
        zones = List.copyOf(zones == null ? List.of() : zones);
        classifications = List.copyOf(classifications == null ? List.of() : classifications);
        hostRules = List.copyOf(hostRules == null ? List.of() : hostRules);
        antiAffinity = List.copyOf(antiAffinity == null ? List.of() : antiAffinity);
        segmentation = segmentation == null ? SegmentationMatrix.denyBetweenZones() : segmentation;
    }

    /** A policy with the default segmentation matrix (deny between zones, allow within). */
    public ZonePolicy(String origin, List<ZoneDefinition> zones, List<Classification> classifications,
                      List<HostRule> hostRules, List<AntiAffinityGroup> antiAffinity) {
        this(origin, zones, classifications, hostRules, antiAffinity, null);
    }

    /** A policy without zones: zone checks are NOT_APPLICABLE. */
    public static ZonePolicy empty() {
        return new ZonePolicy("(none)", List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Every zone CIDR in file order: {@link #zoneOfAddress} is the zone of the first that contains the address.
     */
    @Override
    public Optional<List<AddressZone>> addressZones() {
        List<AddressZone> out = new ArrayList<>();
        for (ZoneDefinition z : zones) {
            for (Cidr c : z.match().cidrs()) {
                out.add(new AddressZone(c, z.zone()));
            }
        }
        return Optional.of(List.copyOf(out));
    }

    public boolean isDefined() {
        return !zones.isEmpty();
    }

    @Override
    public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
        List<Integer> vlanIds = nic.vlan().get().map(v -> v.ids()).orElse(List.of());
        List<String> addresses = nic.ipAddresses().get().orElse(List.of());
        for (ZoneDefinition z : zones) {
            Selector s = z.match();
            if (s.matchesNetwork(nic.networkName()) || s.matchesVlan(vlanIds)
                    || (vm != null && s.matchesLabels(vm.labels()))) {
                return Optional.of(z.zone());
            }
            for (String a : addresses) {
                if (s.matchesAddress(a)) {
                    return Optional.of(z.zone());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<TrustZone> zoneOfAddress(String address) {
        for (ZoneDefinition z : zones) {
            if (z.match().matchesAddress(address)) {
                return Optional.of(z.zone());
            }
        }
        return Optional.empty();
    }

    /** The zone a network or port group is in, by its name or VLAN. */
    public Optional<TrustZone> zoneOfNetwork(String name, List<Integer> vlanIds) {
        for (ZoneDefinition z : zones) {
            if (z.match().matchesNetwork(name) || z.match().matchesVlan(vlanIds)) {
                return Optional.of(z.zone());
            }
        }
        return Optional.empty();
    }

    /** The first classification matching the VM's labels or name. */
    public Optional<Classification> classificationOf(VirtualMachine vm) {
        for (Classification c : classifications) {
            if (c.match().matchesLabels(vm.labels()) || c.match().matchesName(vm.name())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Policy facts about a host: trust, site and mixing allowance from the first matching host and cluster rules. */
    public Map<String, Object> hostFacts(Host host) {
        Map<String, Object> m = new HashMap<>();
        for (HostRule r : hostRules) {
            boolean matches = r.cluster() ? r.match().matchesName(host.clusterId()) : r.match().matchesName(host.name());
            if (!matches) {
                continue;
            }
            if (r.trust() != null) {
                String key = r.cluster() ? "clusterTrust" : "trust";
                m.putIfAbsent(key, r.trust().longValue());
            }
            if (r.site() != null) {
                m.putIfAbsent("site", r.site());
            }
            if (r.mixedTrustAllowed()) {
                m.put("mixedTrustAllowed", true);
            }
        }
        m.putIfAbsent("mixedTrustAllowed", false);
        return m;
    }

    /** Policy facts about a VM: its classification and placement constraints. */
    public Map<String, Object> vmFacts(VirtualMachine vm) {
        Map<String, Object> m = new HashMap<>();
        List<String> groups = new ArrayList<>();
        for (AntiAffinityGroup g : antiAffinity) {
            for (String member : g.members()) {
                if (org.virtguard.policy.cel.Globs.matches(vm.name(), member)) {
                    groups.add(g.name());
                    break;
                }
            }
        }
        m.put("antiAffinityGroups", groups);
        classificationOf(vm).ifPresent(c -> {
            Map<String, Object> cm = new HashMap<>();
            cm.put("name", c.name());
            cm.put("allowedZones", c.allowedZones());
            if (c.minHostTrust() != null) {
                cm.put("minHostTrust", c.minHostTrust().longValue());
            }
            cm.put("allowedSites", c.allowedSites());
            cm.put("allowedDatastores", c.allowedDatastores());
            m.put("class", cm);
        });
        return m;
    }

    /** The {@code policy} variable rules see. */
    public Map<String, Object> view() {
        List<Object> zoneViews = new ArrayList<>();
        for (ZoneDefinition z : zones) {
            zoneViews.add(org.virtguard.policy.view.Views.zone(z.zone()));
        }
        List<Object> groups = new ArrayList<>();
        for (AntiAffinityGroup g : antiAffinity) {
            groups.add(Map.of("name", g.name(), "members", g.members()));
        }
        return Map.of("defined", isDefined(), "zones", zoneViews, "antiAffinity", groups);
    }
}
