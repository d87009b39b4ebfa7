package org.virtguard.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Collected;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Setting;
import org.virtguard.model.Severity;
import org.virtguard.model.Snapshot;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.TrafficFilterRef;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.Store;

/**
 * A seeded generated lab written into a store: {@code hosts} hosts, {@code vms} VMs spread over them with one or two
 * vNICs on the networks {@code dmz}/{@code internal}, a snapshot on every third VM and a failing finding on every
 * fifth. Its expected row counts are counted while generating it.
 */
final class GeneratedLab {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    final int vms;
    final int hosts;
    int nics;
    int snapshots;
    int findings;
    final List<String> vmNames = new ArrayList<>();

    private GeneratedLab(int vms, int hosts) {
        this.vms = vms;
        this.hosts = hosts;
    }

    /** The lab, stored; {@code extraNames} become the names of the first VMs (hostile text for example). */
    static GeneratedLab store(Store store, int vms, int hosts, long seed, List<String> extraNames) {
        GeneratedLab lab = new GeneratedLab(vms, hosts);
        Random random = new Random(seed);
        List<Host> hostList = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            String id = "host-" + h;
            hostList.add(new Host(id, "gen", "kvm" + h, Platform.LIBVIRT, HypervisorKind.KVM, "QEMU", "8.2.0", "8.2.0",
                    Map.of(), List.of("192.0.2." + (h + 1)), new HostHardware("EPYC 9654", 2, 48, 2, 192, 2400,
                    512L << 30, 2), "cluster-" + (h % 4), "site-1", ConnectionState.CONNECTED,
                    Map.of("security.model", Setting.ofString("security.model", h % 2 == 0 ? "selinux" : "apparmor"))));
            for (String net : List.of("dmz", "internal")) {
                networks.add(new Network(id + "/net/" + net, id, net, NetworkKind.LIBVIRT_NETWORK, "virbr-" + net,
                        "nat", "virbr-" + net, Collected.of(VlanConfig.none()), List.of("10.0.0.0/16"),
                        L2SecurityPolicy.notCollected("libvirt has no such policy"), true, Map.of()));
            }
        }
        List<VirtualMachine> vmList = new ArrayList<>();
        List<Finding> findingList = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            String id = String.format("vm-%05d", i);
            String name = i < extraNames.size() ? extraNames.get(i) : String.format("app%05d", i);
            lab.vmNames.add(name);
            String hostId = "host-" + random.nextInt(hosts);
            VirtualMachine.Builder b = VirtualMachine.builder(id, name).hostId(hostId)
                    .powerState(random.nextInt(10) == 0 ? PowerState.OFF : PowerState.RUNNING)
                    .guestOs(i % 7 == 0 ? Collected.notCollected("no guest agent") : Collected.of("rhel9"))
                    .vcpus(1 + random.nextInt(16)).memoryBytes((1L + random.nextInt(64)) << 30)
                    .annotation("generated " + i);
            int nicCount = 1 + random.nextInt(2);
            for (int n = 0; n < nicCount; n++) {
                String mac = String.format("52:54:%02x:%02x:%02x:%02x", n, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
                b.addNic(new VirtualNic(VirtualNic.idFor(id, mac, n), id, mac, NicAttachment.NETWORK,
                        n == 0 ? "internal" : "dmz", null, null, null, Collected.of(VlanConfig.none()), "virtio",
                        "vnet" + n, new TrafficFilterRef("clean-traffic", Map.of(),
                        Collected.of(EnumSet.of(SpoofingProtection.MAC, SpoofingProtection.IP))),
                        Collected.of(List.of("10.0." + (i / 250) + "." + (i % 250 + 1))), true));
                lab.nics++;
            }
            if (i % 3 == 0) {
                b.addSnapshot(new Snapshot("before-upgrade", "pre patch", AT.minusSeconds(86_400L * 40), null, true));
                lab.snapshots++;
            }
            VirtualMachine vm = b.build();
            vmList.add(vm);
            if (i % 5 == 0) {
                findingList.add(new Finding("vm-snapshot-old", new ResourceRef(ObjectType.VM, id, name),
                        CheckStatus.FAIL, Severity.MEDIUM, "Old snapshot", "snapshot older than 30 days",
                        Map.of("age", "40 days", "snapshot", "before-upgrade"), List.of("cis:1.2"), AT));
                lab.findings++;
            }
        }
        store.inventory().applySync(List.of(new InventorySnapshot("gen", AT, List.of(), List.of(), hostList, vmList,
                networks, List.of(), List.of())), List.of(), AT);
        store.findings().recordScan(findingList, List.of("vm-snapshot-old"), AT);
        return lab;
    }

    /** Zones by network name: {@code dmz} (trust 20) and {@code internal} (trust 60). */
    static ZoneResolver zones() {
        return new ZoneResolver() {
            @Override
            public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
                return switch (String.valueOf(nic.networkName())) {
                    case "dmz" -> Optional.of(new TrustZone("dmz", 20, false));
                    case "internal" -> Optional.of(new TrustZone("internal", 60, false));
                    default -> Optional.empty();
                };
            }

            @Override
            public Optional<TrustZone> zoneOfAddress(String address) {
                return Optional.empty();
            }
        };
    }
}
