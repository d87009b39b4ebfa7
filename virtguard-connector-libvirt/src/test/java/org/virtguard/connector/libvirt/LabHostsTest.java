package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.connector.libvirt.LibvirtTestSupport.collectLab;
import static org.virtguard.connector.libvirt.LibvirtTestSupport.vm;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ConsoleType;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.DiskMode;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanMode;

/** Collects the three lab hosts through libvirt's real test driver and checks what VirtGuard sees. */
class LabHostsTest {

    @Test
    void hostAIsReadWithNodeInfoVersionsAndNodeFileName() throws Exception {
        InventorySnapshot s = collectLab("host-a");
        assertThat(s.sourceId()).isEqualTo("lab-host-a");
        assertThat(s.hosts()).hasSize(1);
        Host h = s.hosts().get(0);
        assertThat(h.id()).isEqualTo("libvirt:lab-host-a");
        assertThat(h.name()).isEqualTo("host-a");
        assertThat(h.platform()).isEqualTo(Platform.LIBVIRT);
        assertThat(h.hypervisor()).isEqualTo(HypervisorKind.TEST);
        assertThat(h.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(h.hardware().cpuModel()).isEqualTo("Intel Xeon Gold 6326");
        assertThat(h.hardware().sockets()).isEqualTo(2);
        assertThat(h.hardware().coresPerSocket()).isEqualTo(8);
        assertThat(h.hardware().threadsPerCore()).isEqualTo(2);
        assertThat(h.hardware().cpus()).isEqualTo(32);
        assertThat(h.hardware().cpuMhz()).isEqualTo(2900);
        assertThat(h.hardware().memoryBytes()).isEqualTo(268435456L * 1024);
        assertThat(h.hardware().numaNodes()).isEqualTo(2);
        assertThat(h.componentVersions()).containsKeys("libvirt", "test").containsEntry("libvirt", "9.0.0");
        assertThat(h.setting("connection.encrypted").asBoolean()).contains(false);
        assertThat(s.vms()).extracting(VirtualMachine::name)
                .containsExactlyInAnyOrder("web01", "web02", "jump01", "build01");
        assertThat(s.vms()).allSatisfy(vm -> assertThat(vm.hostId()).isEqualTo(h.id()));
    }

    @Test
    void hostNameOptionWins() throws Exception {
        try (LibvirtConnector c = LibvirtConnector.open(
                LibvirtTestSupport.labSpec("host-b", Map.of("name", "kvm-b.example.net")),
                org.virtguard.spi.Credentials.none())) {
            LibvirtTestSupport.requireLibvirt();
            assertThat(c.collect().hosts().get(0).name()).isEqualTo("kvm-b.example.net");
        }
    }

    @Test
    void networksCarryForwardModeBridgeCidrVlanAndPortgroups() throws Exception {
        InventorySnapshot s = collectLab("host-a");
        assertThat(s.networks()).extracting(Network::name)
                .containsExactlyInAnyOrder("default", "dmz", "mgmt", "quarantine");
        Network def = network(s, "default");
        assertThat(def.id()).isEqualTo("libvirt:lab-host-a/network/default");
        assertThat(def.forwardMode()).isEqualTo("nat");
        assertThat(def.bridge()).isEqualTo("virbr0");
        assertThat(def.ipRanges()).containsExactly("192.168.122.0/24");
        assertThat(def.active()).isTrue();
        Network dmz = network(s, "dmz");
        assertThat(dmz.forwardMode()).isEqualTo("bridge");
        assertThat(dmz.bridge()).isEqualTo("br-dmz");
        assertThat(dmz.ipRanges()).isEmpty();
        assertThat(dmz.vlan().value().mode()).isEqualTo(VlanMode.ACCESS);
        assertThat(dmz.vlan().value().ids()).containsExactly(20);
        assertThat(dmz.settings().get("portgroups").value()).isEqualTo("web,partners");
        assertThat(dmz.settings().get("portgroup.partners.vlan").value()).isEqualTo("access 21");
        Network mgmt = network(s, "mgmt");
        assertThat(mgmt.forwardMode()).isEqualTo("isolated");
        assertThat(mgmt.ipRanges()).containsExactly("10.10.0.0/24");
        Network quarantine = network(s, "quarantine");
        assertThat(quarantine.forwardMode()).isEqualTo("isolated");
        assertThat(quarantine.bridge()).isEqualTo("virbr-q0");
        assertThat(quarantine.ipRanges()).containsExactly("10.99.0.0/24");
    }

    @Test
    void securelyConfiguredWebServer() throws Exception {
        VirtualMachine web01 = vm(collectLab("host-a"), "web01");
        assertThat(web01.id()).isEqualTo("ccb825f4-b455-40c9-b886-da41fd809136");
        assertThat(web01.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(web01.vcpus()).isEqualTo(2);
        assertThat(web01.memoryBytes()).isEqualTo(4L << 30);
        assertThat(web01.guestOs().value()).isEqualTo("http://ubuntu.com/ubuntu/22.04");
        assertThat(web01.labels()).containsEntry("owner", "alice").containsEntry("env", "production")
                .containsEntry("service", "shop-frontend");
        assertThat(web01.annotation()).startsWith("Shop frontend 1\n\nnginx");
        VirtualNic nic = web01.nics().get(0);
        assertThat(nic.id()).isEqualTo(web01.id() + "/52:54:00:1a:00:01");
        assertThat(nic.attachment()).isEqualTo(NicAttachment.NETWORK);
        assertThat(nic.networkName()).isEqualTo("default");
        assertThat(nic.filter().name()).isEqualTo("clean-traffic");
        assertThat(nic.filter().parameters()).containsEntry("IP", List.of("192.168.122.11"));
        assertThat(nic.filter().protections().value())
                .containsExactlyInAnyOrder(SpoofingProtection.MAC, SpoofingProtection.IP, SpoofingProtection.ARP);
        assertThat(nic.ipAddresses().isCollected()).isFalse();
        Console vnc = web01.consoles().get(0);
        assertThat(vnc.type()).isEqualTo(ConsoleType.VNC);
        assertThat(vnc.listens()).containsExactly(new ConsoleListen(ConsoleListen.Kind.ADDRESS, "127.0.0.1"));
        assertThat(vnc.reachableBeyondLoopback().value()).isFalse();
        assertThat(vnc.passwordSet().value()).isTrue();
        assertThat(vnc.attributes().values()).noneMatch(v -> v.contains("lab-only"));
        assertThat(web01.securityLabels()).singleElement()
                .satisfies(l -> {
                    assertThat(l.model()).isEqualTo("selinux");
                    assertThat(l.type()).isEqualTo("dynamic");
                    assertThat(l.disablesConfinement()).isFalse();
                });
        assertThat(kinds(web01)).contains(DeviceKind.GUEST_AGENT, DeviceKind.RNG);
        assertThat(web01.settings().get("libvirt.persistent").asBoolean()).contains(true);
    }

    @Test
    void insecureWebServerHasOpenVncNoFilterAndNoConfinement() throws Exception {
        VirtualMachine web02 = vm(collectLab("host-a"), "web02");
        Console vnc = web02.consoles().get(0);
        assertThat(vnc.listens()).containsExactly(new ConsoleListen(ConsoleListen.Kind.ADDRESS, "0.0.0.0"));
        assertThat(vnc.reachableBeyondLoopback().value()).isTrue();
        assertThat(vnc.passwordSet().value()).isFalse();
        assertThat(web02.securityLabels()).singleElement().satisfies(l -> assertThat(l.disablesConfinement()).isTrue());
        VirtualNic nic = web02.nics().get(0);
        assertThat(nic.networkName()).isEqualTo("dmz");
        assertThat(nic.filter()).isNull();
    }

    @Test
    void jumpHostHasDirectNicTcpSerialAndSpiceOnANetwork() throws Exception {
        VirtualMachine jump = vm(collectLab("host-a"), "jump01");
        VirtualNic direct = nicByMac(jump, "52:54:00:1a:00:03");
        assertThat(direct.attachment()).isEqualTo(NicAttachment.DIRECT);
        assertThat(direct.sourceDevice()).isEqualTo("eno1");
        assertThat(direct.sourceMode()).isEqualTo("bridge");
        assertThat(direct.filter()).isNull();
        VirtualNic mgmt = nicByMac(jump, "52:54:00:1a:00:04");
        assertThat(mgmt.filter().protections().value()).containsExactly(SpoofingProtection.MAC);
        VirtualDevice serial = device(jump, DeviceKind.SERIAL);
        assertThat(serial.type()).isEqualTo("tcp");
        assertThat(serial.attributes()).containsEntry("host", "0.0.0.0").containsEntry("port", "4555")
                .containsEntry("mode", "bind").containsEntry("protocol", "telnet");
        Console spice = jump.consoles().get(0);
        assertThat(spice.type()).isEqualTo(ConsoleType.SPICE);
        assertThat(spice.listens()).containsExactly(new ConsoleListen(ConsoleListen.Kind.NETWORK, "mgmt"));
        assertThat(spice.passwordSet().value()).isTrue();
    }

    @Test
    void shutOffBuildVmHasRemovableMediaAndUsbRedirection() throws Exception {
        VirtualMachine build = vm(collectLab("host-a"), "build01");
        assertThat(build.powerState()).isEqualTo(PowerState.OFF);
        assertThat(build.disks()).extracting(d -> d.device()).containsExactly("disk", "cdrom", "floppy");
        assertThat(kinds(build)).contains(DeviceKind.CDROM, DeviceKind.FLOPPY, DeviceKind.REDIRDEV,
                DeviceKind.USB_CONTROLLER);
        assertThat(device(build, DeviceKind.CDROM).attribute("path")).endsWith("debian-12.5.0-amd64-netinst.iso");
        assertThat(device(build, DeviceKind.REDIRDEV).type()).isEqualTo("spicevmc");
        assertThat(build.consoles().get(0).listens())
                .containsExactly(new ConsoleListen(ConsoleListen.Kind.HYPERVISOR_DEFAULT, null));
        assertThat(build.consoles().get(0).reachableBeyondLoopback().isCollected()).isFalse();
        assertThat(build.securityLabels()).isEmpty();
    }

    @Test
    void hostBDatabasesAndPaymentVm() throws Exception {
        InventorySnapshot s = collectLab("host-b");
        assertThat(s.vms()).extracting(VirtualMachine::name)
                .containsExactlyInAnyOrder("db01", "db02", "pci-pay01", "fw01");
        VirtualMachine db01 = vm(s, "db01");
        assertThat(db01.consoles().get(0).listens()).extracting(ConsoleListen::kind)
                .containsExactly(ConsoleListen.Kind.SOCKET);
        assertThat(db01.consoles().get(0).reachableBeyondLoopback().value()).isFalse();
        assertThat(device(db01, DeviceKind.TPM).type()).isEqualTo("emulator");
        assertThat(db01.settings().get("os.loader.secure").value()).isEqualTo("yes");
        assertThat(db01.labels()).containsEntry("classification", "confidential");

        VirtualMachine db02 = vm(s, "db02");
        assertThat(db02.powerState()).isEqualTo(PowerState.OFF);
        assertThat(db02.consoles()).isEmpty();
        assertThat(db02.disks()).filteredOn(d -> d.shareable()).singleElement()
                .satisfies(d -> assertThat(d.path()).isEqualTo("/dev/mapper/db-shared-wal"));
        assertThat(db02.nics().get(0).attachment()).isEqualTo(NicAttachment.BRIDGE);
        assertThat(db02.nics().get(0).switchName()).isEqualTo("br-db");
        assertThat(db02.nics().get(0).filter().protections().value()).containsExactly(SpoofingProtection.MAC);

        VirtualMachine pay = vm(s, "pci-pay01");
        VirtualNic vf = pay.nics().get(0);
        assertThat(vf.attachment()).isEqualTo(NicAttachment.HOSTDEV);
        assertThat(vf.sourceDevice()).isEqualTo("0000:3b:10.2");
        assertThat(vf.vlan().value().mode()).isEqualTo(VlanMode.ACCESS);
        assertThat(vf.vlan().value().ids()).containsExactly(300);
        VirtualDevice hsm = device(pay, DeviceKind.HOSTDEV_PCI);
        assertThat(hsm.attribute("address")).isEqualTo("0000:5e:00.0");
        assertThat(hsm.attribute("managed")).isEqualTo("yes");
        Console vnc = pay.consoles().get(0);
        assertThat(vnc.port()).isEqualTo(5901);
        assertThat(vnc.passwordSet().value()).isTrue();
        assertThat(vnc.reachableBeyondLoopback().value()).isTrue();
        assertThat(pay.securityLabels()).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo("static");
            assertThat(l.label()).isEqualTo("system_u:system_r:svirt_t:s0:c100,c200");
        });

        VirtualMachine fw = vm(s, "fw01");
        VirtualNic trunk = nicByMac(fw, "52:54:00:2b:00:04");
        assertThat(trunk.vlan().value().mode()).isEqualTo(VlanMode.TRUNK);
        assertThat(trunk.vlan().value().ids()).containsExactly(100, 200);
        VirtualNic partners = nicByMac(fw, "52:54:00:2b:00:05");
        assertThat(partners.filter().name()).isEqualTo("clean-traffic-gateway");
        assertThat(partners.filter().protections().value())
                .isEqualTo(Set.of(SpoofingProtection.MAC, SpoofingProtection.IP, SpoofingProtection.ARP));
    }

    @Test
    void hostCDevelopmentAndLegacyVms() throws Exception {
        InventorySnapshot s = collectLab("host-c");
        VirtualMachine dev = vm(s, "dev01");
        VirtualNic filtered = nicByMac(dev, "52:54:00:3c:00:01");
        assertThat(filtered.filter().protections().isCollected()).isFalse();
        assertThat(filtered.filter().protections().reason()).isEqualTo("filter dev-allow-all is not defined on the host");
        assertThat(nicByMac(dev, "52:54:00:3c:00:02").attachment()).isEqualTo(NicAttachment.USER);
        assertThat(device(dev, DeviceKind.WATCHDOG).attribute("action")).isEqualTo("poweroff");
        assertThat(device(dev, DeviceKind.RNG).attributes()).containsEntry("backendModel", "egd")
                .containsEntry("host", "10.12.0.5").containsEntry("port", "7000");
        assertThat(device(dev, DeviceKind.SHARED_FOLDER).attribute("path")).isEqualTo("/srv/src");
        assertThat(dev.consoles().get(0).listens()).extracting(ConsoleListen::kind)
                .containsExactly(ConsoleListen.Kind.HYPERVISOR_DEFAULT);

        VirtualMachine legacy = vm(s, "legacy01");
        assertThat(device(legacy, DeviceKind.HOSTDEV_USB).attributes()).containsEntry("vendor", "0x0529")
                .containsEntry("product", "0x0001");
        assertThat(device(legacy, DeviceKind.PARALLEL).attributes()).containsEntry("host", "0.0.0.0")
                .containsEntry("protocol", "raw");
        assertThat(legacy.consoles().get(0).port()).isEqualTo(5910);
        assertThat(legacy.consoles().get(0).passwordSet().value()).isFalse();

        VirtualMachine ci = vm(s, "ci-runner01");
        assertThat(ci.disks()).extracting(d -> d.mode()).containsExactly(DiskMode.PERSISTENT, DiskMode.TRANSIENT);
        VirtualNic down = nicByMac(ci, "52:54:00:3c:00:05");
        assertThat(down.attachment()).isEqualTo(NicAttachment.ETHERNET);
        assertThat(down.connected()).isFalse();
        assertThat(down.targetDevice()).isEqualTo("tap-ci0");
        assertThat(ci.consoles()).isEmpty();
    }

    @Test
    void testDriverWithoutNwfiltersAssumesStockFiltersWithAWarning() throws Exception {
        InventorySnapshot s = collectLab("host-a");
        assertThat(s.filters()).isEmpty();
        assertThat(s.warnings()).anySatisfy(w -> {
            assertThat(w.object()).isEqualTo("nwfilters");
            assertThat(w.message()).contains("does not offer nwfilter definitions").contains("stock");
        });
    }

    @Test
    void passwordsAreNeverStored() throws Exception {
        for (String host : List.of("host-a", "host-b", "host-c")) {
            assertThat(collectLab(host).toString()).doesNotContain("lab-only");
        }
    }

    static Network network(InventorySnapshot s, String name) {
        return s.networks().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    static VirtualNic nicByMac(VirtualMachine vm, String mac) {
        return vm.nics().stream().filter(n -> mac.equals(n.mac())).findFirst().orElseThrow();
    }

    static VirtualDevice device(VirtualMachine vm, DeviceKind kind) {
        return vm.devices().stream().filter(d -> d.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError(vm.name() + " has no " + kind));
    }

    static List<DeviceKind> kinds(VirtualMachine vm) {
        return vm.devices().stream().map(VirtualDevice::kind).toList();
    }
}
