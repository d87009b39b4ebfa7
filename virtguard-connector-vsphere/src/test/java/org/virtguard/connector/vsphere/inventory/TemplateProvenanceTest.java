package org.virtguard.connector.vsphere.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.connector.vsphere.inventory.Canned.objects;
import static org.virtguard.connector.vsphere.inventory.Canned.prop;

import org.junit.jupiter.api.Test;
import org.virtguard.model.VirtualMachine;

/**
 * A template's update time falls back from {@code config.modified} to {@code config.createDate} (what vcsim cannot
 * show: it reports API 6.5, has no createDate and always a real modified time); provenance extraConfig values that
 * are not usable are left out.
 */
class TemplateProvenanceTest {

    private static final VsphereIds IDS = new VsphereIds("vc-uuid");

    private static VirtualMachine map(String template, String more) throws Exception {
        return new VmMapper(IDS).map(objects("<obj type=\"VirtualMachine\">vm-9</obj>"
                + prop("config.instanceUuid", "xsd:string", "50abcdef-0000-1111-2222-333344445566")
                + prop("config.template", "xsd:boolean", template) + more), null, new NetworkLookup());
    }

    private static String extra(String key, String value) {
        return "<OptionValue><key>" + key + "</key><value xsi:type=\"xsd:string\">" + value + "</value></OptionValue>";
    }

    @Test
    void aTemplateIsAsOldAsItsLastChangeElseItsCreationElseUnknown() throws Exception {
        VirtualMachine modified = map("true", prop("config.modified", "xsd:dateTime", "2026-04-30T22:00:00-02:00")
                + prop("config.createDate", "xsd:dateTime", "2024-01-01T00:00:00Z"));
        assertThat(modified.settings().get("vm.templateUpdatedAt").value()).isEqualTo("2026-05-01T00:00:00Z");

        VirtualMachine epoch = map("true", prop("config.modified", "xsd:dateTime", "1970-01-01T00:00:00Z")
                + prop("config.createDate", "xsd:dateTime", "2024-01-01T00:00:00.250Z"));
        assertThat(epoch.settings().get("vm.templateUpdatedAt").value()).isEqualTo("2024-01-01T00:00:00.250Z");

        VirtualMachine neither = map("true", prop("config.modified", "xsd:dateTime", "0001-01-01T00:00:00Z"));
        assertThat(neither.settings()).doesNotContainKey("vm.templateUpdatedAt");

        VirtualMachine notATemplate = map("false", prop("config.modified", "xsd:dateTime", "2026-05-01T00:00:00Z"));
        assertThat(notATemplate.settings()).doesNotContainKey("vm.templateUpdatedAt");
    }

    @Test
    void provenanceComesFromExtraConfigAndGarbageIsLeftOut() throws Exception {
        VirtualMachine vm = map("false", prop("config.extraConfig", "ArrayOfOptionValue",
                extra("guestinfo.virtguard.deployedFrom", "golden-web")
                        + extra("guestinfo.virtguard.deployedFromTemplateUpdatedAt", "2026-05-01T00:00:00Z")
                        + extra("guestinfo.virtguard.deployedAt", "2026-05-03T09:12:00+00:00")));
        assertThat(vm.settings().get("vm.deployedFrom").value()).isEqualTo("golden-web");
        assertThat(vm.settings().get("vm.deployedFromTemplateUpdatedAt").value()).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(vm.settings().get("vm.deployedAt").value()).isEqualTo("2026-05-03T09:12:00Z");

        VirtualMachine garbage = map("false", prop("config.extraConfig", "ArrayOfOptionValue",
                extra("guestinfo.virtguard.deployedFrom", "x".repeat(300))
                        + extra("guestinfo.virtguard.deployedFromTemplateUpdatedAt", "yesterday")
                        + extra("guestinfo.virtguard.deployedAt", "+20000-01-01T00:00:00Z")));
        assertThat(garbage.settings()).doesNotContainKeys("vm.deployedFrom", "vm.deployedFromTemplateUpdatedAt",
                "vm.deployedAt");
        assertThat(garbage.settings().get("guestinfo.virtguard.deployedAt").value())
                .as("the raw extraConfig value stays visible").isEqualTo("+20000-01-01T00:00:00Z");
    }

    @Test
    void createDateIsOnlyAskedOfServersThatHaveIt() {
        assertThat(Props.vm("6.5")).contains("config.modified").doesNotContain("config.createDate");
        assertThat(Props.vm("6.7.3")).contains("config.modified", "config.createDate");
        assertThat(Props.vm("8.0.3.0")).contains("config.createDate");
        assertThat(Props.vm(null)).doesNotContain("config.createDate");
        assertThat(Props.vm("banana")).doesNotContain("config.createDate");
        assertThat(TemplateProvenance.ageProperties("7.0")).containsExactly("config.modified", "config.createDate");
    }
}
