package org.virtguard.model;

/** What kind of virtual network a {@link Network} is. */
public enum NetworkKind {
    LIBVIRT_NETWORK, LINUX_BRIDGE, STANDARD_PORT_GROUP, DISTRIBUTED_PORT_GROUP, OPAQUE_NETWORK
}
