package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.SourceSpec;

/**
 * Template marks and provenance in domain metadata, read by the live connector (through libvirt's test driver,
 * which keeps the metadata on define) and the offline one; a domain whose marks are garbage still syncs.
 */
class TemplateMetadataTest {

    private static final String HOSTILE = """
            <domain type='test'>
              <name>hostile01</name>
              <memory unit='MiB'>256</memory>
              <os><type arch='x86_64'>hvm</type></os>
              <metadata>
                <vg:deployed xmlns:vg='https://virtguard.org/xmlns/template/1' from='   '
                    templateUpdated='2026-02-30T00:00:00Z' at='%s'/>
              </metadata>
            </domain>""".formatted("1".repeat(10_000));

    @TempDir
    Path dir;

    @Test
    void aDomainWithGarbageProvenanceStillSyncsWithoutTheSettings() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            connector.connection().domainDefineXML(HOSTILE);
            InventorySnapshot s = connector.collect();
            VirtualMachine vm = LibvirtTestSupport.vm(s, "hostile01");
            assertThat(vm.settings()).doesNotContainKeys("vm.deployedFrom", "vm.deployedFromTemplateUpdatedAt",
                    "vm.deployedAt");
            assertThat(s.vms()).extracting(VirtualMachine::name).contains("web01", "web02", "jump01", "build01");
            assertThat(s.warnings()).filteredOn(w -> w.object().equals("domain hostile01")).hasSize(3)
                    .allSatisfy(w -> {
                        assertThat(w.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(w.message()).doesNotContain("\n").hasSizeLessThan(300);
                    });
        }
    }

    /** Templates skip the device checks, so a running domain marked as one is still checked as a VM. */
    @Test
    void aRunningDomainMarkedAsATemplateIsCheckedAsAVm() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            connector.connection().domainDefineXML("""
                    <domain type='test'>
                      <name>posing01</name>
                      <memory unit='MiB'>256</memory>
                      <os><type arch='x86_64'>hvm</type></os>
                      <metadata>
                        <vg:template xmlns:vg='https://virtguard.org/xmlns/template/1' updated='2026-11-01T00:00:00Z'/>
                      </metadata>
                    </domain>""");
            InventorySnapshot stopped = connector.collect();
            assertThat(LibvirtTestSupport.vm(stopped, "posing01").template()).isTrue();

            connector.connection().domainLookupByName("posing01").create();
            InventorySnapshot running = connector.collect();
            assertThat(LibvirtTestSupport.vm(running, "posing01").template()).isFalse();
            assertThat(running.warnings()).filteredOn(w -> w.object().equals("domain posing01"))
                    .extracting(w -> w.message()).anySatisfy(m -> assertThat(m).contains("running; checked as a VM"));
        }
    }

    @Test
    void theOfflineImportReadsTemplatesAndSkipsGarbageToo() throws Exception {
        Files.writeString(dir.resolve("hostile01.xml"), HOSTILE);
        Files.writeString(dir.resolve("golden.xml"), """
                <domain type='kvm'>
                  <name>golden-db</name>
                  <uuid>0b7c1f0e-8a52-4f53-9d7e-3c1b3f1d0a11</uuid>
                  <memory unit='MiB'>512</memory>
                  <metadata>
                    <vg:template xmlns:vg='https://virtguard.org/xmlns/template/1' updated='2025-12-24T18:00:00Z'/>
                  </metadata>
                </domain>""");
        InventorySnapshot s;
        try (LibvirtDirectoryConnector c = LibvirtDirectoryConnector.open(
                new SourceSpec("offline", "libvirt-dir://" + dir, java.util.Map.of()))) {
            s = c.collect();
        }
        VirtualMachine golden = LibvirtTestSupport.vm(s, "golden-db");
        assertThat(golden.template()).isTrue();
        assertThat(golden.settings().get("vm.templateUpdatedAt").value()).isEqualTo("2025-12-24T18:00:00Z");
        assertThat(LibvirtTestSupport.vm(s, "hostile01").settings()).doesNotContainKey("vm.deployedAt");
        assertThat(s.warnings()).filteredOn(w -> w.object().equals("file hostile01.xml"))
                .filteredOn(w -> w.message().contains("<vg:deployed ")).hasSize(3);
    }
}
