package org.virtguard.store;

import java.util.Locale;

import org.virtguard.model.VirtualNic;

/**
 * What a vNIC is plugged into, compared by name: network ids are host-scoped, so a VM that moves hosts
 * keeps its vNIC on "the same" network when the name stays.
 */
final class NicNetwork {

    private NicNetwork() {
    }

    /** The network name, else the switch, else the host device, else the attachment kind. */
    static String label(VirtualNic nic) {
        if (nic.networkName() != null) {
            return nic.networkName();
        }
        if (nic.switchName() != null) {
            return nic.switchName();
        }
        if (nic.sourceDevice() != null) {
            return nic.sourceDevice();
        }
        return attachment(nic);
    }

    static boolean same(VirtualNic a, VirtualNic b) {
        return a.attachment() == b.attachment() && label(a).equals(label(b));
    }

    /** The label, prefixed with the attachment kind when that is what differs from {@code other}. */
    static String describe(VirtualNic nic, VirtualNic other) {
        return nic.attachment() == other.attachment() ? label(nic) : attachment(nic) + " " + label(nic);
    }

    private static String attachment(VirtualNic nic) {
        return nic.attachment().name().toLowerCase(Locale.ROOT);
    }
}
