package org.virtguard.model;

import java.util.Objects;

/**
 * A trust zone from the zone policy, e.g. {@code dmz} (trust 1), {@code pci} (trust 4), {@code mgmt} (trust 5).
 *
 * @param name        the zone's name
 * @param trust       trust level; higher means more trusted
 * @param management  whether this is a management zone (hypervisor and orchestration interfaces)
 */
public record TrustZone(String name, int trust, boolean management) {
    public TrustZone {
        Objects.requireNonNull(name, "name");
    }
}
