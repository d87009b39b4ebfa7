package org.virtguard.policy.zones;

import java.util.List;

/** VMs (by name glob) that must never run on the same host. */
public record AntiAffinityGroup(String name, List<String> members) {
    public AntiAffinityGroup {
        members = List.copyOf(members == null ? List.of() : members);
    }
}
