package org.virtguard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtguard.model.Cluster;
import org.virtguard.model.Collected;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ConsoleType;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.DiskMode;
import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.Setting;
import org.virtguard.model.SettingType;
import org.virtguard.model.Site;
import org.virtguard.model.Snapshot;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.TrafficFilterRef;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualDisk;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.model.VlanMode;

/** Small, readable inventory objects for store tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Fixtures() {
    }

    static Instant t(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    static Host host(String sourceId, String id, String name) {
        return new Host(id, sourceId, name, Platform.LIBVIRT, HypervisorKind.KVM, "QEMU", "8.2.0", "8.2.0",
                Map.of("libvirt", "10.0.0"), List.of("192.0.2.10"),
                new HostHardware("EPYC", 1, 8, 2, 16, 2400, 64L << 30, 1), null, null, ConnectionState.CONNECTED,
                Map.of());
    }

    static Network network(String hostId, String name) {
        return new Network(hostId + "/net/" + name, hostId, name, NetworkKind.LIBVIRT_NETWORK, "virbr-" + name,
                "nat", "virbr-" + name, Collected.of(VlanConfig.none()), List.of("192.168.122.0/24"),
                L2SecurityPolicy.notCollected("libvirt has no such policy"), true, Map.of());
    }

    static VirtualNic nic(String vmId, String mac, String networkName) {
        return new VirtualNic(VirtualNic.idFor(vmId, mac, 0), vmId, mac, NicAttachment.NETWORK, networkName,
                null, null, null, Collected.of(VlanConfig.none()), "virtio", "vnet0",
                new TrafficFilterRef("clean-traffic", Map.of("IP", List.of("192.168.122.5")),
                        Collected.of(EnumSet.of(SpoofingProtection.MAC, SpoofingProtection.IP))),
                Collected.notCollected("guest agent not running"), true);
    }

    static VirtualMachine vm(String id, String name, String hostId, VirtualNic... nics) {
        return VirtualMachine.builder(id, name)
                .hostId(hostId)
                .powerState(PowerState.RUNNING)
                .guestOs(Collected.of("linux"))
                .vcpus(2)
                .memoryBytes(2L << 30)
                .addDisk(new VirtualDisk("disk", "virtio", "vda", "file", "/var/lib/libvirt/images/" + name
                        + ".qcow2", "default", "qcow2", false, false, DiskMode.PERSISTENT))
                .addConsole(new Console(ConsoleType.VNC, List.of(new ConsoleListen(ConsoleListen.Kind.ADDRESS,
                        "127.0.0.1")), null, Collected.of(false), null, Map.of()))
                .nics(List.of(nics))
                .setting(Setting.ofBoolean("isolation.tools.copy.disable", true))
                .build();
    }

    static InventorySnapshot snapshot(String sourceId, Instant at, List<Host> hosts, List<Network> networks,
                                      List<VirtualMachine> vms) {
        return new InventorySnapshot(sourceId, at, List.of(), List.of(), hosts, vms, networks, List.of(), List.of());
    }

    /** A VM with every field set, including nested {@code Collected} values of several types. */
    static VirtualMachine fullVm() {
        Map<String, List<String>> filterParams = new LinkedHashMap<>();
        filterParams.put("IP", List.of("10.0.0.5", "10.0.0.6"));
        filterParams.put("CTRL_IP_LEARNING", List.of("none"));
        VirtualNic nic1 = new VirtualNic("vm-full/52:54:00:aa:bb:01", "vm-full", "52:54:00:aa:bb:01",
                NicAttachment.NETWORK, "prod", "virbr1", null, null,
                Collected.of(new VlanConfig(VlanMode.TRUNK, List.of(10, 20), List.of("100-199"))), "virtio",
                "vnet3", new TrafficFilterRef("clean-traffic", filterParams,
                        Collected.of(Set.of(SpoofingProtection.ARP, SpoofingProtection.MAC, SpoofingProtection.IP))),
                Collected.of(List.of("10.0.0.5", "fe80::1")), true);
        VirtualNic nic2 = new VirtualNic("vm-full/nic1", "vm-full", null, NicAttachment.DIRECT, null, null, "eth0",
                "vepa", Collected.notCollected("no vlan element"), "e1000", null, null,
                Collected.notCollected("guest agent not running"), false);
        return VirtualMachine.builder("vm-full", "full01")
                .hostId("host-1")
                .clusterId("cluster-1")
                .powerState(PowerState.PAUSED)
                .guestOs(Collected.notCollected("no guest agent"))
                .template(true)
                .vcpus(8)
                .memoryBytes(16L << 30)
                .addDisk(new VirtualDisk("disk", "virtio", "vda", "file", "/images/full01.qcow2", "default",
                        "qcow2", false, true, DiskMode.PERSISTENT))
                .addDisk(new VirtualDisk("cdrom", "sata", "sdb", "file", "/iso/install.iso", null, "raw", true,
                        false, DiskMode.UNKNOWN))
                .addNic(nic1)
                .addNic(nic2)
                .addSnapshot(new Snapshot("before-upgrade", "pre 2.0", Instant.parse("2025-01-02T03:04:05.123456Z"),
                        null, false))
                .addSnapshot(new Snapshot("after-upgrade", null, null, "before-upgrade", true))
                .addDevice(new VirtualDevice(DeviceKind.SERIAL, "tcp", "serial on tcp 0.0.0.0:4555",
                        Map.of("host", "0.0.0.0", "port", "4555", "mode", "bind"), true))
                .addDevice(new VirtualDevice(DeviceKind.HOSTDEV_PCI, "pci", "PCI 0000:03:00.1", Map.of(), false))
                .addConsole(new Console(ConsoleType.SPICE, List.of(new ConsoleListen(ConsoleListen.Kind.ADDRESS,
                        "0.0.0.0"), new ConsoleListen(ConsoleListen.Kind.HYPERVISOR_DEFAULT, null)), 5901,
                        Collected.of(true), "2025-06-01T00:00:00", Map.of("tlsPort", "5902")))
                .addSecurityLabel(new SecurityLabel("selinux", "dynamic", true, "system_u:system_r:svirt_t:s0:c1,c2",
                        "system_u:object_r:svirt_image_t:s0:c1,c2"))
                .addSecurityLabel(new SecurityLabel("dac", "none", false, null, null))
                .label("owner", "team-a")
                .label("classification", "confidential")
                .annotation("full fixture\nsecond line")
                .lastPowerOn(Collected.of(Instant.parse("2025-02-01T08:00:00Z")))
                .lastPowerOff(Collected.of(null))
                .setting(Setting.ofBoolean("isolation.tools.copy.disable", true))
                .setting(Setting.ofInteger("RemoteDisplay.maxConnections", 1))
                .setting(Setting.notCollected("tools.setInfo.sizeLimit", SettingType.INTEGER, "access denied"))
                .build();
    }

    static Host fullHost() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put("Security.AccountLockFailures", Setting.ofInteger("Security.AccountLockFailures", 5));
        settings.put("UserVars.SuppressShellWarning", Setting.notCollected("UserVars.SuppressShellWarning",
                SettingType.BOOLEAN, "permission denied"));
        return new Host("host-1", "vc01", "esx01.example.org", Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi",
                "8.0.3", "24022510", Map.of("vpxa", "8.0.3", "hostd", "8.0.3"), List.of("192.0.2.1", "2001:db8::1"),
                new HostHardware("Xeon Gold", 2, 16, 2, 64, 2900, 512L << 30, 2), "cluster-1", "site-1",
                ConnectionState.MAINTENANCE, settings);
    }

    static Network fullNetwork() {
        return new Network("dvpg-10", null, "prod-vlan10", NetworkKind.DISTRIBUTED_PORT_GROUP, "dvs-prod", null, null,
                Collected.of(VlanConfig.access(10)), List.of("10.0.10.0/24", "2001:db8:10::/64"),
                new L2SecurityPolicy(Collected.of(false), Collected.of(true), Collected.notCollected("not readable")),
                false, Map.of("uplinkTeamingPolicy", Setting.ofString("uplinkTeamingPolicy", "loadbalance_srcid")));
    }

    static Cluster fullCluster() {
        return new Cluster("cluster-1", "prod", "site-1", Map.of("drs", Setting.ofString("drs", "fullyAutomated")));
    }

    static Site site() {
        return new Site("site-1", "Frankfurt");
    }

    static TrafficFilterDefinition filter(String hostId, String name, int rules) {
        return new TrafficFilterDefinition(name, hostId, "root", List.of("no-mac-spoofing", "no-ip-spoofing"), rules);
    }

    static <T> List<T> with(List<T> list, T extra) {
        List<T> copy = new ArrayList<>(list);
        copy.add(extra);
        return copy;
    }
}
