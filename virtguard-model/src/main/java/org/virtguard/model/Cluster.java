package org.virtguard.model;

import java.util.Map;
import java.util.Objects;

/**
 * A group of hosts managed together (a vSphere cluster, a libvirt host group).
 *
 * @param settings cluster-level settings such as DRS or HA configuration
 */
public record Cluster(String id, String name, String siteId, Map<String, Setting> settings) {
    public Cluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        settings = Map.copyOf(settings == null ? Map.of() : settings);
    }
}
