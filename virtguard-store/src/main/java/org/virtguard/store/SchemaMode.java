package org.virtguard.store;

/** What opening a store may do to its schema. */
public enum SchemaMode {
    /**
     * Create the schema in an empty store, or upgrade an older one to the newest migration this binary carries
     * ({@code serve}, {@code db migrate}, the demo, tests). A schema newer than this binary knows is refused.
     */
    MIGRATE,
    /**
     * Create the schema in an empty store (a first run writes into a fresh store); a store that already has a
     * schema must be at exactly this binary's version. Never upgrades.
     */
    CREATE_OR_VALIDATE,
    /** The schema must be at exactly this binary's version; an empty store is refused. Never writes the schema. */
    VALIDATE
}
