package org.virtguard.policy.check;

import java.util.Locale;

/** The kind of inventory object a check evaluates. */
public enum ResourceType {
    HOST, VM, VNIC, NETWORK;

    /** Parses {@code host}, {@code vm}, {@code vnic}, {@code network} (also {@code portgroup}). */
    public static ResourceType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "host" -> HOST;
            case "vm" -> VM;
            case "vnic", "nic" -> VNIC;
            case "network", "portgroup" -> NETWORK;
            default -> throw new IllegalArgumentException("unknown resource type '" + text
                    + "' (host, vm, vnic, network)");
        };
    }

    /** The lower-case name used in check files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
