package org.virtguard.model;

/** Kinds of inventory objects, as recorded in the change log. */
public enum ObjectType {
    SITE, CLUSTER, HOST, VM, NIC, NETWORK, FILTER,
    /** A configured inventory source, for {@link ChangeType#SOURCE_STALE} and {@link ChangeType#SOURCE_RECOVERED}. */
    SOURCE
}
