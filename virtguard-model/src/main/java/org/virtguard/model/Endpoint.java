package org.virtguard.model;

import org.virtguard.model.net.IpAddressText;

/**
 * A network address attributed to the inventory: which VM, host and zone own it.
 *
 * @param address  the IP address as text (RFC 5952 for IPv6)
 * @param mac      the MAC address when known, else {@code null}
 * @param vmId     the owning VM, or {@code null} when no VM owns it
 * @param vmName   the owning VM's name
 * @param hostId   the host of the owning VM (or the host itself for a management address)
 * @param hostName that host's name
 * @param zone     the trust zone, or {@code null} when none matches
 * @param unknownInVmSubnet the address lies inside a VM network's subnet but no VM owns it: a rogue-VM signal
 */
public record Endpoint(String address, String mac, String vmId, String vmName, String hostId, String hostName,
                       TrustZone zone, boolean unknownInVmSubnet) {

    /** IPv6 text is kept in its RFC 5952 form, also for endpoints read back from documents stored before. */
    public Endpoint {
        if (address != null && address.indexOf(':') >= 0) {
            address = IpAddressText.canonical(address);
        }
    }

    /** An address the inventory knows nothing about. */
    public static Endpoint unattributed(String address) {
        return new Endpoint(address, null, null, null, null, null, null, false);
    }

    public boolean ownedByVm() {
        return vmId != null;
    }
}
