package org.virtguard.model;

import java.util.Locale;

/** The hypervisor that runs a host's VMs. */
public enum HypervisorKind {
    KVM, QEMU, XEN, LXC, ESXI, HYPERV, TEST, OTHER;

    /** Maps a libvirt driver type ({@code virConnectGetType}: QEMU, Xen, LXC, TEST, ...). */
    public static HypervisorKind fromLibvirtType(String type) {
        if (type == null) {
            return OTHER;
        }
        return switch (type.trim().toUpperCase(Locale.ROOT)) {
            case "QEMU" -> QEMU;
            case "KVM" -> KVM;
            case "XEN", "LIBXL" -> XEN;
            case "LXC" -> LXC;
            case "TEST" -> TEST;
            case "ESX" -> ESXI;
            case "HYPERV" -> HYPERV;
            default -> OTHER;
        };
    }
}
