package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.PowerState;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.SourceSpec;

/** Imports {@code virsh dumpxml} directories: the lab's and hand-made ones with broken and hostile files. */
class DirectoryConnectorTest {

    @TempDir
    Path dir;

    private static InventorySnapshot collect(String uri, Map<String, String> options) throws ConnectorException {
        try (LibvirtDirectoryConnector c = LibvirtDirectoryConnector.open(new SourceSpec("offline", uri, options))) {
            return c.collect();
        }
    }

    private InventorySnapshot collectTemp() throws ConnectorException {
        return collect("libvirt-dir://" + dir, Map.of());
    }

    @Test
    void importsTheLabHostAsOneOfflineHost() throws Exception {
        TestEnvironment.requireLab();
        InventorySnapshot s = collect(TestEnvironment.labDirectoryUri("host-a"), Map.of());
        Host h = s.hosts().get(0);
        assertThat(h.id()).isEqualTo("libvirt:offline");
        assertThat(h.name()).isEqualTo("host-a");
        assertThat(h.hypervisor()).isEqualTo(HypervisorKind.KVM);
        assertThat(s.vms()).extracting(VirtualMachine::name)
                .containsExactlyInAnyOrder("web01", "web02", "jump01", "build01");
        assertThat(s.networks()).extracting(n -> n.name())
                .containsExactlyInAnyOrder("default", "dmz", "mgmt", "quarantine");
        VirtualMachine web01 = LibvirtTestSupport.vm(s, "web01");
        assertThat(web01.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(LibvirtTestSupport.vm(s, "build01").powerState()).isEqualTo(PowerState.OFF);
        assertThat(web01.nics().get(0).filter().protections().value()).contains(SpoofingProtection.ARP);
        assertThat(web01.consoles().get(0).passwordSet().value()).isTrue();
        assertThat(s.warnings()).singleElement().satisfies(w -> {
            assertThat(w.object()).isEqualTo("nwfilters");
            assertThat(w.message()).contains("holds no nwfilter definitions");
        });
    }

    @Test
    void offlineAndLiveAgreeOnIdsAndSecurityFacts() throws Exception {
        LibvirtTestSupport.requireLibvirt();
        InventorySnapshot offline = collect(TestEnvironment.labDirectoryUri("host-b"), Map.of());
        InventorySnapshot live = LibvirtTestSupport.collectLab("host-b");
        assertThat(offline.vms()).extracting(VirtualMachine::id)
                .containsExactlyInAnyOrderElementsOf(live.vms().stream().map(VirtualMachine::id).toList());
        for (VirtualMachine off : offline.vms()) {
            VirtualMachine on = LibvirtTestSupport.vm(live, off.name());
            assertThat(off.powerState()).as(off.name()).isEqualTo(on.powerState());
            assertThat(off.securityLabels()).as(off.name()).isEqualTo(on.securityLabels());
            assertThat(off.labels()).as(off.name()).isEqualTo(on.labels());
            assertThat(off.nics()).extracting(n -> n.id()).as(off.name())
                    .isEqualTo(on.nics().stream().map(n -> n.id()).toList());
            assertThat(off.consoles()).extracting(c -> c.listens()).as(off.name())
                    .isEqualTo(on.consoles().stream().map(c -> c.listens()).toList());
        }
    }

    @Test
    void hostileFileBecomesAWarningNamingItWhileOthersImport() throws Exception {
        copyLabFile("host-a/web01.xml", "web01.xml");
        Files.writeString(dir.resolve("evil.xml"), "<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY x SYSTEM "
                + "'file:///etc/passwd'>]>\n<domain type='kvm'><name>&x;</name></domain>");
        StringBuilder lol = new StringBuilder("<!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>");
        for (int i = 1; i < 8; i++) {
            lol.append("<!ENTITY a").append(i).append(" '").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("'>");
        }
        Files.writeString(dir.resolve("laughs.xml"), lol.append("]><domain>&a7;</domain>").toString());
        InventorySnapshot s = collectTemp();
        assertThat(s.vms()).extracting(VirtualMachine::name).containsExactly("web01");
        assertThat(warningFor(s, "evil.xml")).satisfies(w -> {
            assertThat(w.code()).isEqualTo(ErrorCode.HOSTILE_INPUT);
            assertThat(w.message()).startsWith("evil.xml:2:").contains("DOCTYPE is not allowed")
                    .doesNotContain("root:");
        });
        assertThat(warningFor(s, "laughs.xml").code()).isEqualTo(ErrorCode.HOSTILE_INPUT);
    }

    @Test
    void oversizedMalformedNonXmlAndUnknownFilesBecomeWarnings() throws Exception {
        copyLabFile("host-c/dev01.xml", "dev01.xml");
        Files.writeString(dir.resolve("huge.xml"), "<domain>" + "x".repeat(5000) + "</domain>");
        Files.writeString(dir.resolve("broken.xml"), "<domain><name>half");
        Files.writeString(dir.resolve("notes.txt"), "operator notes");
        Files.writeString(dir.resolve("pool.xml"), "<pool type='dir'><name>images</name></pool>");
        Files.writeString(dir.resolve("bad-memory.xml"), "<domain><name>x</name><memory>lots</memory></domain>");
        InventorySnapshot s = collect("libvirt-dir://" + dir, Map.of("max-file-bytes", "4096"));
        assertThat(s.vms()).extracting(VirtualMachine::name).containsExactly("dev01");
        assertThat(warningFor(s, "huge.xml").code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
        assertThat(warningFor(s, "huge.xml").message()).isEqualTo("huge.xml: input is larger than the limit of 4 KiB");
        assertThat(warningFor(s, "broken.xml").code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(warningFor(s, "broken.xml").message()).startsWith("broken.xml:1:");
        assertThat(warningFor(s, "notes.txt").message()).isEqualTo("notes.txt: not an .xml file; ignored");
        assertThat(warningFor(s, "pool.xml").message()).contains("<pool>");
        assertThat(warningFor(s, "bad-memory.xml").message())
                .isEqualTo("bad-memory.xml: <memory>: 'lots' is not a number");
    }

    /** Dropping either dump could hide its risks: both are imported, the later one under an id of its own. */
    @Test
    void aDuplicateUuidIsImportedAsASeparateVmWithAWarning() throws Exception {
        copyLabFile("host-a/web01.xml", "a-web01.xml");
        copyLabFile("host-a/web01.xml", "b-web01-copy.xml");
        InventorySnapshot s = collectTemp();
        assertThat(s.vms()).hasSize(2);
        VirtualMachine first = s.vms().get(0);
        VirtualMachine copy = s.vms().get(1);
        assertThat(copy.id()).isEqualTo(first.id() + "~2");
        assertThat(copy.name()).isEqualTo(first.name() + " (b-web01-copy.xml)");
        assertThat(copy.nics()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.vmId()).isEqualTo(copy.id());
            assertThat(n.id()).startsWith(copy.id() + "/");
        });
        assertThat(first.nics()).allSatisfy(n -> assertThat(n.vmId()).isEqualTo(first.id()));
        assertThat(warningFor(s, "b-web01-copy.xml").message()).contains("has the UUID of a-web01.xml")
                .contains("separate VM 'web01 (b-web01-copy.xml)'");
    }

    @Test
    void subdirectoriesAreReadToABoundedDepthWithoutFollowingLinks() throws Exception {
        TestEnvironment.requireLab();
        Path nested = dir.resolve("site-a/host-1");
        Files.createDirectories(nested);
        Files.copy(TestEnvironment.libvirtLab().resolve("host-a/web02.xml"), nested.resolve("web02.xml"));
        Files.writeString(nested.resolve("README"), "notes");
        Path deep = dir;
        for (int i = 0; i < DirectoryReader.MAX_DEPTH + 1; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        Files.copy(TestEnvironment.libvirtLab().resolve("host-a/jump01.xml"), deep.resolve("jump01.xml"));
        Files.createSymbolicLink(dir.resolve("site-a/loop"), dir);
        Files.createDirectories(dir.resolve(".hidden"));
        Files.copy(TestEnvironment.libvirtLab().resolve("host-a/web01.xml"),
                dir.resolve(".hidden/web01.xml"));

        InventorySnapshot s = collectTemp();

        assertThat(s.vms()).extracting(VirtualMachine::name).containsExactly("web02");
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w.message()).contains("1 files without .xml"));
    }

    @Test
    void filesBeyondTheCountLimitAreNotRead() throws Exception {
        copyLabFile("host-a/web01.xml", "1.xml");
        copyLabFile("host-a/web02.xml", "2.xml");
        copyLabFile("host-a/jump01.xml", "3.xml");
        InventorySnapshot s = collect("libvirt-dir://" + dir, Map.of("max-files", "2"));
        assertThat(s.vms()).hasSize(2);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
    }

    @Test
    void ownFilterDefinitionsAreUsedAndStockOnesAssumedForTheRest() throws Exception {
        Files.createDirectories(dir.resolve("nwfilters"));
        Files.writeString(dir.resolve("nwfilters/dev-allow-all.xml"),
                "<filter name='dev-allow-all' chain='root'><rule action='accept' direction='inout'><all/></rule></filter>");
        Files.writeString(dir.resolve("nwfilters/strict.xml"),
                "<filter name='strict'><filterref filter='clean-traffic'/><filterref filter='strict'/></filter>");
        copyLabFile("host-c/dev01.xml", "dev01.xml");
        String web = Files.readString(TestEnvironment.libvirtLab().resolve("host-a/web01.xml"))
                .replace("filter='clean-traffic'", "filter='strict'");
        Files.writeString(dir.resolve("web01.xml"), web);
        InventorySnapshot s = collectTemp();
        assertThat(s.filters()).extracting(f -> f.name()).containsExactlyInAnyOrder("dev-allow-all", "strict");
        assertThat(s.filters()).filteredOn(f -> f.name().equals("dev-allow-all")).singleElement()
                .satisfies(f -> assertThat(f.ruleCount()).isEqualTo(1));
        VirtualMachine dev = LibvirtTestSupport.vm(s, "dev01");
        assertThat(dev.nics().get(0).filter().protections().value()).isEmpty();
        VirtualMachine web01 = LibvirtTestSupport.vm(s, "web01");
        assertThat(web01.nics().get(0).filter().protections().value()).containsExactlyInAnyOrder(
                SpoofingProtection.MAC, SpoofingProtection.IP, SpoofingProtection.ARP);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w.message())
                .contains("does not define").contains("clean-traffic").contains("no-arp-spoofing"));
    }

    @Test
    void securityInfoOffMakesPasswordPresenceUnknown() throws Exception {
        copyLabFile("host-a/web02.xml", "web02.xml");
        InventorySnapshot s = collect("libvirt-dir://" + dir, Map.of("security-info", "false"));
        assertThat(s.vms().get(0).consoles().get(0).passwordSet().isCollected()).isFalse();
        assertThat(s.vms().get(0).consoles().get(0).listens())
                .containsExactly(new ConsoleListen(ConsoleListen.Kind.ADDRESS, "0.0.0.0"));
    }

    @Test
    void missingDirectoryIsUnreachable() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> collect("libvirt-dir://" + dir.resolve("gone"), Map.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("libvirt source 'offline' (libvirt-dir://" + dir.resolve("gone")
                + "): " + dir.resolve("gone") + " does not exist");
    }

    @Test
    void directoryMayComeFromTheDirOption() throws Exception {
        copyLabFile("host-a/web01.xml", "web01.xml");
        InventorySnapshot s = collect("libvirt-dir:", Map.of("dir", dir.toString(), "name", "kvm-archive"));
        assertThat(s.hosts().get(0).name()).isEqualTo("kvm-archive");
        assertThat(s.vms()).hasSize(1);
    }

    @Test
    void relativeDirectoryIsAnInvalidSource() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> LibvirtDirectoryConnector.open(new SourceSpec("x", "libvirt-dir:", Map.of("dir", "rel/dir"))));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SOURCE);
    }

    @Test
    void collectVmFindsOneVmAndNothingAfterItsFileIsGone() throws Exception {
        copyLabFile("host-a/web01.xml", "web01.xml");
        try (LibvirtDirectoryConnector c = LibvirtDirectoryConnector.open(
                new SourceSpec("offline", "libvirt-dir://" + dir, Map.of()))) {
            assertThat(c.collectVm("CCB825F4-B455-40C9-B886-DA41FD809136")).hasValueSatisfying(
                    vm -> assertThat(vm.name()).isEqualTo("web01"));
            Files.delete(dir.resolve("web01.xml"));
            assertThat(c.collectVm("ccb825f4-b455-40c9-b886-da41fd809136")).isEmpty();
        }
    }

    private void copyLabFile(String labFile, String as) throws Exception {
        TestEnvironment.requireLab();
        Files.copy(TestEnvironment.libvirtLab().resolve(labFile), dir.resolve(as));
    }

    private static CollectionWarning warningFor(InventorySnapshot s, String file) {
        return s.warnings().stream().filter(w -> w.object().equals("file " + file)).findFirst()
                .orElseThrow(() -> new AssertionError("no warning for " + file + " in " + s.warnings()));
    }
}
