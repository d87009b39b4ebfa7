package org.virtguard.server.query;

import java.util.List;

/**
 * A node of the topology tree.
 *
 * @param kind       {@code site}, {@code cluster}, {@code host} or {@code vm}
 * @param id         the object's id
 * @param name       its name
 * @param zones      trust zones present (a VM's vNIC zones; for a host, the zones of its VMs)
 * @param mixedTrust for hosts: VMs of more than one zone share it
 * @param children   the next level
 */
public record TopologyNode(String kind, String id, String name, List<String> zones, boolean mixedTrust,
                           List<TopologyNode> children) {
}
