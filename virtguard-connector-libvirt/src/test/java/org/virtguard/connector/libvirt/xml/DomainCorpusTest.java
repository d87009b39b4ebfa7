package org.virtguard.connector.libvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.connector.libvirt.xml.CorpusSupport.domain;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ConsoleListen.Kind;
import org.virtguard.model.ConsoleType;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.PowerState;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;

/** Every domain XML of the shared corpus parses; the notable ones yield the facts their files state. */
class DomainCorpusTest {

    static List<String> allDomainFiles() throws IOException {
        List<String> files = CorpusSupport.xmlFilesUnder("domains");
        return files.isEmpty() ? List.of("(corpus missing)") : files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allDomainFiles")
    void everyCorpusDomainParses(String file) throws Exception {
        TestEnvironment.requireCorpus("libvirt/domains/" + (file.startsWith("(") ? "" : file));
        assertThat(allDomainFiles()).hasSizeGreaterThanOrEqualTo(41);
        ParsedDomain parsed = domain(file);
        VirtualMachine vm = parsed.vm();
        assertThat(vm.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(vm.name()).isNotBlank();
        assertThat(vm.hostId()).isEqualTo(CorpusSupport.HOST);
        assertThat(vm.powerState()).isIn(PowerState.OFF, PowerState.RUNNING);
        assertThat(vm.nics()).extracting(VirtualNic::id).doesNotHaveDuplicates();
        assertThat(vm.nics()).allSatisfy(n -> {
            assertThat(n.vmId()).isEqualTo(vm.id());
            if (n.mac() != null) {
                assertThat(n.mac()).isLowerCase();
            }
        });
        assertThat(parsed.issues()).allSatisfy(i -> assertThat(i).doesNotContain("\n"));
        assertThat(vm.toString()).doesNotContain("sercet").doesNotContain("testpass");
    }

    @Test
    void vncOnAnIpv6AddressWithoutPassword() throws Exception {
        Console vnc = only(domain("libvirt-tests/graphics-vnc.xml").vm().consoles());
        assertThat(vnc.type()).isEqualTo(ConsoleType.VNC);
        assertThat(vnc.port()).isEqualTo(5903);
        assertThat(vnc.listens()).containsExactly(new ConsoleListen(Kind.ADDRESS, "2001:1:2:3:4:5:1234:1234"));
        assertThat(vnc.reachableBeyondLoopback().value()).isTrue();
        assertThat(vnc.passwordSet().value()).isFalse();
    }

    @Test
    void vncOnLoopbackForSaslAndTls() throws Exception {
        for (String f : List.of("graphics-vnc-sasl.xml", "graphics-vnc-tls.xml")) {
            Console vnc = only(domain("libvirt-tests/" + f).vm().consoles());
            assertThat(vnc.listens()).as(f).containsExactly(new ConsoleListen(Kind.ADDRESS, "127.0.0.1"));
            assertThat(vnc.reachableBeyondLoopback().value()).as(f).isFalse();
        }
    }

    @Test
    void vncOnAllIpv6AddressesWithSharePolicy() throws Exception {
        Console vnc = only(domain("libvirt-tests/graphics-vnc-policy.xml").vm().consoles());
        assertThat(vnc.port()).isEqualTo(65530);
        assertThat(vnc.listens()).containsExactly(new ConsoleListen(Kind.ADDRESS, "::"));
        assertThat(vnc.reachableBeyondLoopback().value()).isTrue();
        assertThat(vnc.attributes()).containsEntry("sharePolicy", "allow-exclusive");
    }

    @Test
    void spiceWithSecureChannels() throws Exception {
        Console spice = only(domain("libvirt-tests/graphics-spice.xml").vm().consoles());
        assertThat(spice.type()).isEqualTo(ConsoleType.SPICE);
        assertThat(spice.port()).isEqualTo(5903);
        assertThat(spice.attributes()).containsEntry("tlsPort", "5904").containsEntry("defaultMode", "secure")
                .containsEntry("channel.main", "secure").containsEntry("channel.inputs", "insecure")
                .containsEntry("clipboard.copypaste", "no").containsEntry("filetransfer.enable", "no");
        assertThat(spice.listens()).containsExactly(new ConsoleListen(Kind.ADDRESS, "127.0.0.1"));
        assertThat(spice.passwordSet().value()).isFalse();
    }

    @Test
    void spiceWithExpiringPasswordAndNoListen() throws Exception {
        VirtualMachine vm = domain("libvirt-tests/graphics-spice-timeout.xml").vm();
        Console spice = only(vm.consoles());
        assertThat(spice.passwordSet().value()).isTrue();
        assertThat(spice.passwordValidTo()).isEqualTo("2011-05-31T16:11:22");
        assertThat(spice.port()).isEqualTo(5900);
        assertThat(spice.listens()).containsExactly(new ConsoleListen(Kind.HYPERVISOR_DEFAULT, null));
        assertThat(spice.reachableBeyondLoopback().isCollected()).isFalse();
        assertThat(vm.nics()).singleElement().satisfies(n -> {
            assertThat(n.attachment()).isEqualTo(NicAttachment.ETHERNET);
            assertThat(n.mac()).isEqualTo("52:54:00:71:70:89");
        });
        assertThat(device(vm, DeviceKind.CDROM).attribute("path")).endsWith("Fedora-14-x86_64-Live-KDE.iso");
        assertThat(vm.memoryBytes()).isEqualTo(1048576L * 1024);
    }

    @Test
    void securityLabels() throws Exception {
        assertThat(only(domain("libvirt-tests/seclabel-none.xml").vm().securityLabels()))
                .satisfies(l -> {
                    assertThat(l.type()).isEqualTo("none");
                    assertThat(l.disablesConfinement()).isTrue();
                });
        assertThat(only(domain("libvirt-tests/seclabel-dynamic.xml").vm().securityLabels()))
                .isEqualTo(new SecurityLabel("selinux", "dynamic", true, null, null));
        assertThat(only(domain("libvirt-tests/seclabel-dynamic-override.xml").vm().securityLabels()))
                .isEqualTo(new SecurityLabel("selinux", "dynamic", true, null, null));
        assertThat(only(domain("libvirt-tests/seclabel-static.xml").vm().securityLabels()))
                .isEqualTo(new SecurityLabel("selinux", "static", false,
                        "system_u:system_r:svirt_custom_t:s0:c192,c392", null));
    }

    @Test
    void tcpTelnetSerialAndConsole() throws Exception {
        VirtualMachine vm = domain("libvirt-tests/serial-tcp-telnet-chardev.xml").vm();
        for (DeviceKind kind : List.of(DeviceKind.SERIAL, DeviceKind.CONSOLE)) {
            VirtualDevice d = device(vm, kind);
            assertThat(d.type()).isEqualTo("tcp");
            assertThat(d.attributes()).containsEntry("host", "127.0.0.1").containsEntry("port", "9999")
                    .containsEntry("mode", "bind").containsEntry("protocol", "telnet");
        }
    }

    @Test
    void tcpParallelPort() throws Exception {
        VirtualDevice d = device(domain("libvirt-tests/parallel-tcp-chardev.xml").vm(), DeviceKind.PARALLEL);
        assertThat(d.type()).isEqualTo("tcp");
        assertThat(d.attributes()).containsEntry("host", "127.0.0.1").containsEntry("port", "9999")
                .containsEntry("mode", "bind").containsEntry("protocol", "raw");
    }

    @Test
    void usbPassthroughByBusAddress() throws Exception {
        VirtualDevice d = device(domain("libvirt-tests/hostdev-usb-address.xml").vm(), DeviceKind.HOSTDEV_USB);
        assertThat(d.type()).isEqualTo("usb");
        assertThat(d.attributes()).containsEntry("address", "14:6").containsEntry("managed", "no");
    }

    @Test
    void usbRedirectionOverTcpAndSpice() throws Exception {
        List<VirtualDevice> redir = devices(domain("libvirt-tests/usb-redir.xml").vm(), DeviceKind.REDIRDEV);
        assertThat(redir).extracting(VirtualDevice::type).containsExactly("tcp", "spicevmc");
        assertThat(redir.get(0).attributes()).containsEntry("host", "localhost").containsEntry("port", "4000")
                .containsEntry("mode", "connect").containsEntry("protocol", "raw").containsEntry("bus", "usb");
    }

    @Test
    void rngBackends() throws Exception {
        VirtualDevice egd = device(domain("libvirt-tests/virtio-rng-egd.xml").vm(), DeviceKind.RNG);
        assertThat(egd.type()).isEqualTo("egd");
        assertThat(egd.attributes()).containsEntry("backend", "tcp").containsEntry("host", "1.2.3.4")
                .containsEntry("port", "1234").containsEntry("mode", "connect");
        VirtualDevice random = device(domain("libvirt-tests/virtio-rng-random.xml").vm(), DeviceKind.RNG);
        assertThat(random.type()).isEqualTo("random");
        assertThat(random.attribute("path")).isEqualTo("/dev/urandom");
    }

    @Test
    void virtioChannelThatIsNotTheGuestAgent() throws Exception {
        VirtualMachine vm = domain("libvirt-tests/channel-virtio.xml").vm();
        VirtualDevice ch = device(vm, DeviceKind.CHANNEL);
        assertThat(ch.type()).isEqualTo("pty");
        assertThat(ch.attribute("targetName")).isEqualTo("org.linux-kvm.port.foo");
        assertThat(vm.devices()).noneMatch(d -> d.kind() == DeviceKind.GUEST_AGENT);
    }

    @Test
    void ovirtSriovVmHasAHostdevNicAndAGuestAgent() throws Exception {
        VirtualMachine vm = domain("public/ovirt-vdsm/testSRiovVm.xml").vm();
        assertThat(vm.id()).isEqualTo("77777777-ffff-3333-bbbb-222222222222");
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
        VirtualNic vf = vm.nics().stream().filter(n -> n.attachment() == NicAttachment.HOSTDEV).findFirst().orElseThrow();
        assertThat(vf.mac()).isEqualTo("00:00:00:00:00:43");
        assertThat(vf.sourceDevice()).isEqualTo("0000:05:00.1");
        VirtualNic bridged = vm.nics().stream().filter(n -> n.attachment() == NicAttachment.BRIDGE).findFirst().orElseThrow();
        assertThat(bridged.switchName()).isEqualTo(";vdsmdummy;");
        assertThat(bridged.targetDevice()).isEqualTo("vnet2");
        VirtualDevice agent = device(vm, DeviceKind.GUEST_AGENT);
        assertThat(agent.type()).isEqualTo("unix");
        assertThat(agent.attribute("path")).endsWith("org.qemu.guest_agent.0");
        assertThat(only(vm.securityLabels())).isEqualTo(new SecurityLabel("selinux", "dynamic", true,
                "system_u:system_r:svirt_t:s0:c117,c189", "system_u:object_r:svirt_image_t:s0:c117,c189"));
    }

    @Test
    void ovirtTemplateWithPlaceholderUuidAndHiddenPassword() throws Exception {
        ParsedDomain parsed = domain("public/ovirt-vdsm/domain.xml");
        assertThat(parsed.issues()).singleElement().asString().startsWith("domain.xml: <uuid> is not a UUID ('{vm_uuid}')");
        VirtualMachine vm = parsed.vm();
        assertThat(vm.vcpus()).isEqualTo(16);
        Console spice = only(vm.consoles());
        assertThat(spice.passwordSet().value()).isTrue();
        assertThat(spice.listens()).containsExactly(new ConsoleListen(Kind.NETWORK, "vdsm-ovirtmgmt"));
        VirtualNic nic = only(vm.nics());
        assertThat(nic.filter().name()).isEqualTo("vdsm-no-mac-spoofing");
        assertThat(nic.filter().protections().reason()).isEqualTo("filter vdsm-no-mac-spoofing is not defined on the host");
        assertThat(nic.connected()).isTrue();
        assertThat(devices(vm, DeviceKind.GUEST_AGENT)).hasSize(1);
    }

    @Test
    void ovirtDumpWithoutSecurityInfoLeavesPasswordPresenceUnknown() throws Exception {
        Console spice = only(domain("public/ovirt-vdsm/domain_disk_block.xml").vm().consoles());
        assertThat(spice.passwordSet().isCollected()).isFalse();
        assertThat(spice.listens()).containsExactly(new ConsoleListen(Kind.NETWORK, "vdsm-ovirtmgmt"));
        Console vnc = only(domain("public/ovirt-vdsm/hostedengine.xml").vm().consoles());
        assertThat(vnc.listens()).containsExactly(new ConsoleListen(Kind.ADDRESS, "0"));
        assertThat(vnc.reachableBeyondLoopback().value()).isTrue();
    }

    @Test
    void tckDomainReferencesAFilterThatIncludesCleanTraffic() throws Exception {
        FilterResolver strict = FilterResolver.of(CorpusSupport.corpusFilters());
        VirtualNic nic = only(domain("public/libvirt-tck/tck-vm1.xml", strict).vm().nics());
        assertThat(nic.attachment()).isEqualTo(NicAttachment.BRIDGE);
        assertThat(nic.switchName()).isEqualTo("virbr0");
        assertThat(nic.filter().name()).isEqualTo("tck-vm1-filter");
        assertThat(nic.filter().protections().reason()).isEqualTo("filter no-arp-spoofing is not defined on the host");
        VirtualNic withStock = only(domain("public/libvirt-tck/tck-vm1.xml", strict.withStockFallback()).vm().nics());
        assertThat(withStock.filter().protections().value()).hasSize(3);
        ParsedDomain noUuid = domain("public/libvirt-tck/tck-vm1.xml");
        assertThat(noUuid.issues()).singleElement().asString().contains("<uuid> is missing");
    }

    @Test
    void vagrantTemplatesParseDespiteEmptyFields() throws Exception {
        ParsedDomain def = domain("public/vagrant-libvirt/default_domain.xml");
        assertThat(def.vm().name()).isEqualTo("vagrant-test_default");
        assertThat(def.vm().annotation()).isEqualTo("Source: /rootpath/Vagrantfile");
        Console vnc = only(def.vm().consoles());
        assertThat(vnc.listens()).containsExactly(new ConsoleListen(Kind.ADDRESS, "127.0.0.1"));
        assertThat(vnc.attributes()).containsEntry("keymap", "en-us").containsEntry("websocket", "-1");

        ParsedDomain all = domain("public/vagrant-libvirt/domain_all_settings.xml");
        assertThat(all.issues()).anyMatch(i -> i.contains("<name> is missing"));
        VirtualMachine vm = all.vm();
        assertThat(vm.annotation()).isEqualTo("title\n\ndescription");
        assertThat(devices(vm, DeviceKind.HOSTDEV_PCI)).extracting(d -> d.attribute("address"))
                .containsExactly("0000:06:12.5", "0001:03:00.0", "0002:04:00.0");
        assertThat(device(vm, DeviceKind.HOSTDEV_USB).attributes()).containsEntry("vendor", "0x1234")
                .containsEntry("product", "0xabcd").containsEntry("address", "1:2");
        assertThat(device(vm, DeviceKind.REDIRDEV).type()).isEqualTo("tcp");
        assertThat(device(vm, DeviceKind.WATCHDOG).attributes()).containsEntry("model", "i6300esb")
                .containsEntry("action", "reset");
        assertThat(device(vm, DeviceKind.SMARTCARD).attributes()).containsEntry("mode", "passthrough")
                .containsEntry("backend", "spicevmc");
        assertThat(device(vm, DeviceKind.TPM).attributes()).containsEntry("backend", "passthrough")
                .containsEntry("path", "/dev/tpm0");
        assertThat(device(vm, DeviceKind.GUEST_AGENT).type()).isEqualTo("unix");
        assertThat(devices(vm, DeviceKind.CHANNEL)).anySatisfy(d -> assertThat(d.attributes())
                .containsEntry("guestfwdAddress", "192.0.2.42").containsEntry("guestfwdPort", "4242"));
        assertThat(devices(vm, DeviceKind.CDROM)).hasSize(2).allSatisfy(d -> assertThat(d.connected()).isFalse());
        assertThat(vm.settings().get("qemu.commandline").asBoolean()).contains(true);
        assertThat(vm.settings().get("qemu.commandline.args").asLong()).contains(2L);
    }

    @Test
    void virtManagerNicsOfEveryKind() throws Exception {
        ParsedDomain parsed = domain("public/virt-manager/change-nics-in.xml");
        List<VirtualNic> nics = parsed.vm().nics();
        assertThat(nics).extracting(VirtualNic::attachment).containsExactly(NicAttachment.USER, NicAttachment.NETWORK,
                NicAttachment.BRIDGE, NicAttachment.ETHERNET, NicAttachment.DIRECT);
        assertThat(nics.get(1).networkName()).isEqualTo("default");
        assertThat(nics.get(1).model()).isEqualTo("e1000");
        assertThat(nics.get(2).switchName()).isEqualTo("foobr0");
        assertThat(nics.get(3).targetDevice()).isEqualTo("nic02");
        assertThat(nics.get(4).sourceDevice()).isEqualTo("eth0.1");
        assertThat(nics.get(4).sourceMode()).isEqualTo("vepa");
        assertThat(nics.get(4).id()).endsWith("/nic4");
        assertThat(parsed.issues()).anyMatch(i -> i.contains("MAC 00:11:22:33:44:55 is used by more than one"));
        assertThat(parsed.vm().nics()).allSatisfy(n -> assertThat(n.filter()).isNull());
    }

    @Test
    void funnyPasswordsArePresentButNeverKept() throws Exception {
        VirtualMachine vm = domain("public/virt-manager/virt-install-funny-passwords.xml").vm();
        Console vnc = only(vm.consoles());
        assertThat(vnc.passwordSet().value()).isTrue();
        assertThat(vnc.listens()).containsExactly(new ConsoleListen(Kind.HYPERVISOR_DEFAULT, null));
        assertThat(vm.toString()).doesNotContain("&\"");
        assertThat(vm.guestOs().value()).isEqualTo("http://fedoraproject.org/fedora/unknown");
        assertThat(only(vm.nics()).switchName()).isEqualTo("testsuitebr0");
    }

    @Test
    void spiceWithSocketAndAddressListensPlusLocalSdl() throws Exception {
        VirtualMachine vm = domain("public/virt-manager/convert-to-vnc-spice-manyopts-in.xml").vm();
        assertThat(vm.consoles()).extracting(Console::type).containsExactly(ConsoleType.SPICE, ConsoleType.SDL);
        Console spice = vm.consoles().get(0);
        assertThat(spice.listens()).containsExactly(new ConsoleListen(Kind.SOCKET, "/tmp/spice.sock"),
                new ConsoleListen(Kind.ADDRESS, "127.0.0.1"));
        assertThat(spice.passwordSet().value()).isTrue();
        assertThat(spice.reachableBeyondLoopback().value()).isFalse();
        assertThat(vm.consoles().get(1).listens()).isEmpty();
    }

    @Test
    void virtInstallGuestsWithOsinfoAgentsAndFirmware() throws Exception {
        VirtualMachine f21 = domain("public/virt-manager/virt-install-f21-kvm-remote.xml").vm();
        assertThat(f21.guestOs().value()).isEqualTo("http://fedoraproject.org/fedora/21");
        assertThat(devices(f21, DeviceKind.REDIRDEV)).hasSize(2).allSatisfy(d -> assertThat(d.type()).isEqualTo("spicevmc"));
        assertThat(devices(f21, DeviceKind.GUEST_AGENT)).hasSize(1);
        assertThat(only(f21.consoles()).listens()).extracting(ConsoleListen::kind).containsExactly(Kind.HYPERVISOR_DEFAULT);
        VirtualMachine plain = domain("public/virt-manager/virt-install-qemu-plain.xml").vm();
        assertThat(plain.settings().get("os.firmware").value()).isEqualTo("efi");
        assertThat(device(plain, DeviceKind.TPM).type()).isEqualTo("emulator");
        assertThat(plain.guestOs().value()).isEqualTo("http://ubuntu.com/ubuntu/13.10");
    }

    @Test
    void manyDevicesCoverEveryListenKind() throws Exception {
        VirtualMachine vm = domain("public/virt-manager/virt-install-many-devices.xml").vm();
        assertThat(vm.consoles()).flatExtracting(Console::listens).extracting(ConsoleListen::kind)
                .contains(Kind.ADDRESS, Kind.NETWORK, Kind.SOCKET, Kind.NONE, Kind.HYPERVISOR_DEFAULT);
        assertThat(vm.consoles()).filteredOn(c -> c.port() != null && c.port() == 5950)
                .allSatisfy(c -> assertThat(c.listens()).containsExactly(new ConsoleListen(Kind.ADDRESS, "1.2.3.4")));
        assertThat(vm.toString()).doesNotContain("testpass");
    }

    @Test
    void metadataLabelsAreReadFromTheVirtGuardNamespace() throws Exception {
        String xml = """
                <domain type='kvm'><name>labelled</name><uuid>c81c8a45-a4f8-4070-a8f6-a4d8f57591d9</uuid>
                  <metadata>
                    <vg:labels xmlns:vg='https://virtguard.org/xmlns/labels/1'>
                      <vg:label key='owner'>alice</vg:label><vg:label key='empty'/><vg:label>no key</vg:label>
                    </vg:labels>
                    <other:labels xmlns:other='urn:not-virtguard'><other:label key='x'>y</other:label></other:labels>
                  </metadata></domain>""";
        VirtualMachine vm = DomainXmlParser.parse(xml, DomainParseContext.forFile("labelled.xml", "h")).vm();
        assertThat(vm.labels()).isEqualTo(Map.of("owner", "alice", "empty", ""));
        assertThat(vm.guestOs().isCollected()).isFalse();
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static VirtualDevice device(VirtualMachine vm, DeviceKind kind) {
        return devices(vm, kind).stream().findFirst().orElseThrow(() -> new AssertionError(vm.name() + " has no " + kind));
    }

    private static List<VirtualDevice> devices(VirtualMachine vm, DeviceKind kind) {
        return vm.devices().stream().filter(d -> d.kind() == kind).toList();
    }
}
