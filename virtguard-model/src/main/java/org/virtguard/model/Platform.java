package org.virtguard.model;

/** The management platform an inventory object was read from. */
public enum Platform {
    LIBVIRT, VSPHERE, PROXMOX, HYPERV, OPENSTACK
}
