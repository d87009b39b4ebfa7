package org.virtguard.model;

import java.util.List;
import java.util.Objects;

/**
 * VLAN configuration of a network, port group or NIC.
 *
 * @param mode   the tagging mode
 * @param ids    the VLAN IDs: one for {@link VlanMode#ACCESS}, the allowed ones for trunks
 * @param ranges trunk ranges as written by the source, e.g. {@code "100-199"}
 */
public record VlanConfig(VlanMode mode, List<Integer> ids, List<String> ranges) {
    public VlanConfig {
        Objects.requireNonNull(mode, "mode");
        ids = List.copyOf(ids == null ? List.of() : ids);
        ranges = List.copyOf(ranges == null ? List.of() : ranges);
    }

    public static VlanConfig none() {
        return new VlanConfig(VlanMode.NONE, List.of(), List.of());
    }

    public static VlanConfig access(int id) {
        return new VlanConfig(VlanMode.ACCESS, List.of(id), List.of());
    }
}
