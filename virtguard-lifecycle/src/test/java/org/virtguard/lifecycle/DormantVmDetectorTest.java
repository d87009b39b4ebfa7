package org.virtguard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Setting;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;

class DormantVmDetectorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static InventoryChange power(long id, String vm, String from, String to) {
        return new InventoryChange(id, NOW, "kvm-a", ObjectType.VM, "id-" + vm, vm, ChangeType.POWER_STATE_CHANGED,
                null, from, to);
    }

    private static PowerOffLookup history(Map<String, PowerOffLookup.OffPeriod> offSince) {
        return (vmId, before) -> Optional.ofNullable(offSince.get(vmId));
    }

    @Test
    void aVmOffLongerThanTheThresholdRaisesOneAlert() {
        DormantVmDetector detector = new DormantVmDetector(Duration.ofDays(30), history(Map.of(
                "id-legacy01", new PowerOffLookup.OffPeriod(NOW.minus(Duration.ofDays(95)), false),
                "id-build01", new PowerOffLookup.OffPeriod(NOW.minus(Duration.ofDays(3)), false))));
        List<Alert> alerts = detector.inspect(List.of(power(7, "legacy01", "OFF", "RUNNING"),
                power(8, "build01", "OFF", "RUNNING"), power(9, "web01", "RUNNING", "OFF")));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(DormantVmDetector.KIND);
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.title()).isEqualTo("Dormant VM legacy01 powered on after 95 days off");
            assertThat(a.attributes()).containsEntry("offDays", "95").containsEntry("thresholdDays", "30");
            assertThat(a.target().vmId()).isEqualTo("id-legacy01");
            assertThat(a.firstSeen()).isEqualTo(NOW.minus(Duration.ofDays(95)));
        });
    }

    @Test
    void aVmOffSinceFirstSightingIsReportedAsALowerBound() {
        DormantVmDetector detector = new DormantVmDetector(Duration.ofDays(30), history(Map.of(
                "id-db02", new PowerOffLookup.OffPeriod(NOW.minus(Duration.ofDays(40)), true))));
        assertThat(detector.inspect(List.of(power(3, "db02", "OFF", "RUNNING"))))
                .singleElement().satisfies(a -> assertThat(a.title()).contains("at least 40 days"));
    }

    @Test
    void resumesAndUnknownHistoryRaiseNothing() {
        DormantVmDetector detector = new DormantVmDetector(Duration.ofDays(30), history(Map.of(
                "id-app", new PowerOffLookup.OffPeriod(NOW.minus(Duration.ofDays(90)), false))));
        assertThat(detector.inspect(List.of(power(1, "app", "PAUSED", "RUNNING"), power(2, "ghost", "OFF", "RUNNING"))))
                .isEmpty();
        assertThatThrownBy(() -> new DormantVmDetector(Duration.ZERO, history(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatToVerifyNamesTheTemplateAndItsAgeOrSaysItIsUnknown() {
        VirtualMachine fromTemplate = VirtualMachine.builder("id-legacy01", "legacy01")
                .setting(Setting.ofString("vm.deployedFrom", "golden-web"))
                .setting(Setting.ofString("vm.deployedFromTemplateUpdatedAt", "2026-05-01T10:00:00Z")).build();
        VirtualMachine noAge = VirtualMachine.builder("id-db02", "db02")
                .setting(Setting.ofString("vm.deployedFrom", "golden-db"))
                .setting(Setting.ofString("vm.deployedFromTemplateUpdatedAt", "not a time")).build();
        VirtualMachine handMade = VirtualMachine.builder("id-app", "app").build();
        Map<String, VirtualMachine> inventory = Map.of(fromTemplate.id(), fromTemplate, noAge.id(), noAge,
                handMade.id(), handMade);
        PowerOffLookup.OffPeriod longAgo = new PowerOffLookup.OffPeriod(NOW.minus(Duration.ofDays(95)), false);
        DormantVmDetector detector = new DormantVmDetector(Duration.ofDays(30), history(Map.of("id-legacy01",
                longAgo, "id-db02", longAgo, "id-app", longAgo, "id-gone", longAgo)),
                vmId -> Optional.ofNullable(inventory.get(vmId)));

        List<Alert> alerts = detector.inspect(List.of(power(1, "legacy01", "OFF", "RUNNING"),
                power(2, "db02", "OFF", "RUNNING"), power(3, "app", "OFF", "RUNNING"),
                power(4, "gone", "OFF", "RUNNING")));

        assertThat(alerts).extracting(a -> a.attributes().get("provenance")).containsExactly(
                "deployed from template golden-web (template updated 205 days ago)",
                "deployed from template golden-db (template updated at an unknown time)",
                "template unknown", "template unknown");
        Alert first = alerts.get(0);
        assertThat(first.attributes()).containsEntry("deployedFrom", "golden-web")
                .containsEntry("templateUpdatedAt", "2026-05-01T10:00:00Z");
        assertThat(first.attributes().get("recommendedAction")).startsWith("verify patch level, agent and credentials"
                + " before it rejoins production (deployed from template golden-web (template updated 205 days ago))");
        assertThat(first.evidence()).contains("verify: deployed from template golden-web (template updated 205 days ago)");
        assertThat(alerts.get(2).attributes()).doesNotContainKeys("deployedFrom", "templateUpdatedAt");

        DormantVmDetector failing = new DormantVmDetector(Duration.ofDays(30), history(Map.of("id-app", longAgo)),
                vmId -> {
                    throw new IllegalStateException("store closed");
                });
        assertThat(failing.inspect(List.of(power(5, "app", "OFF", "RUNNING")))).singleElement()
                .satisfies(a -> assertThat(a.attributes()).containsEntry("provenance", "template unknown"));
    }

    @org.junit.jupiter.api.Test
    void shortOffPeriodsAreNamedInTheirOwnUnit() {
        assertThat(DormantVmDetector.offPeriod(java.time.Duration.ofSeconds(29))).isEqualTo("29 seconds");
        assertThat(DormantVmDetector.offPeriod(java.time.Duration.ofMinutes(90))).isEqualTo("1 hour");
        assertThat(DormantVmDetector.offPeriod(java.time.Duration.ofDays(95).plusHours(3))).isEqualTo("95 days");
    }
}
