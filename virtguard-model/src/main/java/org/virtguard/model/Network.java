package org.virtguard.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual network or port group that vNICs attach to.
 *
 * @param id          stable identifier, unique across sources
 * @param hostId      the host that owns it, or {@code null} for networks spanning hosts (DV port groups)
 * @param name        the name vNICs refer to
 * @param kind        what it is
 * @param switchName  the virtual switch (vSwitch, DVS, libvirt bridge)
 * @param forwardMode libvirt forward mode (nat, route, bridge, open, isolated when absent), or {@code null}
 * @param bridge      Linux bridge device, if any
 * @param vlan        VLAN configuration
 * @param ipRanges    IP subnets in CIDR notation served on it
 * @param l2Policy    layer-2 security policy
 * @param active      whether it is up
 * @param settings    other security-relevant settings
 */
public record Network(String id, String hostId, String name, NetworkKind kind, String switchName,
                      String forwardMode, String bridge, Collected<VlanConfig> vlan, List<String> ipRanges,
                      L2SecurityPolicy l2Policy, boolean active, Map<String, Setting> settings) {
    public Network {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        vlan = vlan == null ? Collected.notCollected("not reported") : vlan;
        ipRanges = List.copyOf(ipRanges == null ? List.of() : ipRanges);
        l2Policy = l2Policy == null ? L2SecurityPolicy.notCollected("not reported") : l2Policy;
        settings = Map.copyOf(settings == null ? Map.of() : settings);
    }
}
