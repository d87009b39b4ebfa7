package org.virtguard.model;

/** Kinds of inventory objects, as recorded in the change log. */
public enum ObjectType {
    SITE, CLUSTER, HOST, VM, NIC, NETWORK, FILTER
}
