package org.virtguard.model;

/** How a port or network handles VLAN tags. */
public enum VlanMode {
    /** Untagged; no VLAN. */
    NONE,
    /** One VLAN, tagged by the switch. */
    ACCESS,
    /** Several VLANs passed tagged to the guest. */
    TRUNK,
    /** All VLANs passed to the guest (vSphere VLAN 4095, virtual guest tagging). */
    ALL,
    /** Private VLAN. */
    PRIVATE
}
