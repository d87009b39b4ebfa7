package org.virtguard.model;

import java.util.Objects;

/**
 * Points at one inventory object.
 *
 * @param type the kind of object
 * @param id   its stable id
 * @param name its name for people
 */
public record ResourceRef(ObjectType type, String id, String name) {
    public ResourceRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }
}
