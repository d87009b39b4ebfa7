package org.virtguard.model;

import java.util.Objects;

/** A site or datacenter: the unit of physical location and data residency. */
public record Site(String id, String name) {
    public Site {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
