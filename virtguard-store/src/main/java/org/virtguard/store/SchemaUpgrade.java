package org.virtguard.store;

import java.util.Objects;

/**
 * A store's schema before and after it was opened.
 *
 * @param before the schema as found
 * @param after  the schema now (the same as {@code before} unless the open created or upgraded it)
 */
public record SchemaUpgrade(SchemaVersion before, SchemaVersion after) {

    public SchemaUpgrade {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** Whether the open created or upgraded the schema. */
    public boolean changed() {
        return !Objects.equals(before.applied(), after.applied());
    }

    /** One line for an operator: what happened to the schema. */
    public String describe() {
        if (!changed()) {
            return "store schema is at version " + after.applied() + " (this virtguard: " + after.known() + ")";
        }
        return before.empty() ? "store schema created at version " + after.applied()
                : "store schema upgraded from version " + before.applied() + " to " + after.applied();
    }
}
