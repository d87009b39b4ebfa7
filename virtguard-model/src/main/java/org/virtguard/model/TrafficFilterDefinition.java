package org.virtguard.model;

import java.util.List;
import java.util.Objects;

/**
 * A traffic filter defined on a host (a libvirt nwfilter).
 *
 * @param name       filter name
 * @param hostId     the host it is defined on
 * @param chain      the chain it applies to (root, mac, ipv4, arp, ...)
 * @param includes   names of filters it includes
 * @param ruleCount  how many rules it holds directly
 */
public record TrafficFilterDefinition(String name, String hostId, String chain, List<String> includes,
                                      int ruleCount) {
    public TrafficFilterDefinition {
        Objects.requireNonNull(name, "name");
        includes = List.copyOf(includes == null ? List.of() : includes);
    }
}
