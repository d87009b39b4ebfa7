package org.virtguard.model;

import java.util.List;
import java.util.Objects;

import org.virtguard.model.net.IpAddressText;

/**
 * A virtual network interface of a VM.
 *
 * @param id            stable identifier: the VM id and the MAC, or the VM id and the index without a MAC
 * @param vmId          owning VM
 * @param mac           MAC address, lower case, or {@code null} when the source has none
 * @param attachment    how it is attached
 * @param networkName   the network or port group name it is plugged into, or {@code null}
 * @param switchName    the bridge / vSwitch / DVS, if known
 * @param sourceDevice  host device for direct/hostdev attachments (e.g. {@code eth0})
 * @param sourceMode    direct mode (vepa, bridge, private, passthrough) or DV port key
 * @param vlan          VLAN configured on the NIC itself
 * @param model         device model (virtio, e1000, vmxnet3, ...)
 * @param targetDevice  host-side device name (vnet0), if known
 * @param filter        attached traffic filter, or {@code null} when none
 * @param ipAddresses   guest IP addresses, where the source reports them, in RFC 5952 text (normalised here)
 * @param connected     whether the link is up / connected
 */
public record VirtualNic(String id, String vmId, String mac, NicAttachment attachment, String networkName,
                         String switchName, String sourceDevice, String sourceMode, Collected<VlanConfig> vlan,
                         String model, String targetDevice, TrafficFilterRef filter,
                         Collected<List<String>> ipAddresses, boolean connected) {
    public VirtualNic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(attachment, "attachment");
        vlan = vlan == null ? Collected.notCollected("not reported") : vlan;
        ipAddresses = ipAddresses == null ? Collected.notCollected("not reported") : ipAddresses;
        if (ipAddresses.value() != null) {
            ipAddresses = new Collected<>(ipAddresses.status(),
                    IpAddressText.canonical(ipAddresses.value()), ipAddresses.reason());
        }
    }

    /** The conventional id of a NIC: VM id plus MAC, or VM id plus position when there is no MAC. */
    public static String idFor(String vmId, String mac, int index) {
        return mac != null && !mac.isBlank() ? vmId + "/" + mac.toLowerCase(java.util.Locale.ROOT)
                : vmId + "/nic" + index;
    }
}
