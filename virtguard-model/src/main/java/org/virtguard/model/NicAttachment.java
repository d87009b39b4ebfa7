package org.virtguard.model;

/** How a vNIC is attached to the outside world. */
public enum NicAttachment {
    /** A libvirt virtual network. */
    NETWORK,
    /** A host Linux bridge or Open vSwitch bridge. */
    BRIDGE,
    /** macvtap directly on a host NIC (bypasses the host's bridge and filters). */
    DIRECT,
    /** A tap device set up outside libvirt. */
    ETHERNET,
    /** User-mode networking (slirp/passt). */
    USER,
    VHOST_USER,
    /** A host PCI device (SR-IOV VF) passed through. */
    HOSTDEV,
    STANDARD_PORT_GROUP,
    DISTRIBUTED_PORT_GROUP,
    OPAQUE_NETWORK,
    OTHER
}
