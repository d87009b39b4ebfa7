package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Collected;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ConsoleType;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.Setting;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.JsonDiff.FieldChange;

class JsonDiffTest {

    private static final VirtualMachine BASE = Fixtures.vm("vm-1", "web01", "h1");

    private static List<FieldChange> diff(VirtualMachine before, VirtualMachine after) {
        return JsonDiff.diff(InventoryJson.tree(before), InventoryJson.tree(after), Tables.VM.ignoredFields(),
                Tables.VM.keyedFields());
    }

    @Test
    void identicalRecordsHaveNoDifference() {
        assertThat(diff(BASE, BASE.toBuilder().build())).isEmpty();
    }

    @Test
    void consoleListenChangeNarrowsToTheListenList() {
        VirtualMachine after = BASE.toBuilder().build();
        Console open = new Console(ConsoleType.VNC, List.of(new ConsoleListen(ConsoleListen.Kind.ADDRESS, "0.0.0.0")),
                null, Collected.of(false), null, Map.of());
        after = new VirtualMachine(after.id(), after.name(), after.hostId(), after.clusterId(), after.powerState(),
                after.guestOs(), after.template(), after.vcpus(), after.memoryBytes(), after.disks(), after.nics(),
                after.snapshots(), after.devices(), List.of(open), after.securityLabels(), after.labels(),
                after.annotation(), after.lastPowerOn(), after.lastPowerOff(), after.settings());
        assertThat(diff(BASE, after)).containsExactly(new FieldChange("consoles[0].listens",
                "[{\"kind\":\"ADDRESS\",\"value\":\"127.0.0.1\"}]", "[{\"kind\":\"ADDRESS\",\"value\":\"0.0.0.0\"}]"));
    }

    @Test
    void settingsChangePerKeyWithTheSettingValue() {
        VirtualMachine after = BASE.toBuilder()
                .setting(Setting.ofBoolean("isolation.tools.copy.disable", false))
                .setting(Setting.ofString("new.key", "x"))
                .build();
        assertThat(diff(BASE, after)).containsExactly(
                new FieldChange("settings.isolation.tools.copy.disable", "true", "false"),
                new FieldChange("settings.new.key", null, "x"));
    }

    @Test
    void addedListElementReportsTheWholeList() {
        VirtualMachine after = BASE.toBuilder().addSecurityLabel(new SecurityLabel("selinux", "none", false, null,
                null)).build();
        List<FieldChange> changes = diff(BASE, after);
        assertThat(changes).extracting(FieldChange::path).containsExactly("securityLabels");
        assertThat(changes.get(0).oldValue()).isEqualTo("[]");
        assertThat(changes.get(0).newValue()).contains("\"type\":\"none\"");
    }

    @Test
    void collectedValuesRenderAsValueOrReason() {
        VirtualMachine after = BASE.toBuilder().guestOs(Collected.notCollected("agent down")).vcpus(4).build();
        assertThat(diff(BASE, after)).containsExactly(
                new FieldChange("guestOs", "linux", "not collected (agent down)"),
                new FieldChange("vcpus", "2", "4"));
    }

    @Test
    void ignoredFieldsGiveNothing() {
        VirtualMachine after = BASE.toBuilder().hostId("h2").lastPowerOn(Collected.of(Fixtures.T0)).build();
        assertThat(diff(BASE, after)).isEmpty();
        assertThat(JsonDiff.diff(InventoryJson.tree(BASE), InventoryJson.tree(after.toBuilder().vcpus(3).build()),
                Set.of("vcpus", "hostId", "lastPowerOn"), Set.of())).isEmpty();
    }
}
