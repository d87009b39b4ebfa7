package org.virtguard.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A traffic filter attached to a vNIC (a libvirt nwfilter {@code filterref}), with its parameters
 * and the spoofing protections it provides once its includes are resolved.
 *
 * @param name        the filter name
 * @param parameters  parameter name to values (libvirt allows repeated parameters)
 * @param protections what it protects against; not collected when the filter or one of its
 *                    includes could not be resolved
 */
public record TrafficFilterRef(String name, Map<String, List<String>> parameters,
                               Collected<Set<SpoofingProtection>> protections) {
    public TrafficFilterRef {
        Objects.requireNonNull(name, "name");
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        protections = protections == null ? Collected.notCollected("not resolved") : protections;
    }
}
