package org.virtguard.store.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;
import org.virtguard.model.TrustZone;
import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

class AlertRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final Endpoint ATTACKER = new Endpoint("203.0.113.7", null, "vm-9", "dev01", "libvirt:kvm-c",
            "kvm-c", new TrustZone("dev", 1, false), false);
    private static final Endpoint ESX = new Endpoint("10.0.0.5", null, null, null, "vsphere:vc:host-1", "esx01",
            new TrustZone("mgmt", 5, true), false);

    private static Alert bruteForce(long count, Severity severity, Instant first, Instant last, String... evidence) {
        return new Alert("auth.bruteforce|203.0.113.7|esx01", "auth.bruteforce", severity,
                "SSH brute force from 203.0.113.7 against esx01", ATTACKER, ESX, first, last, count,
                Map.of("accounts", "root"), List.of(evidence));
    }

    @DatabaseTest
    void anOngoingAttackUpdatesOneAlert(Store store) {
        AlertRepository alerts = store.alerts();
        alerts.record(bruteForce(3, Severity.HIGH, T0, T0.plusSeconds(60), "line 1"), T0.plusSeconds(60));
        StoredAlert updated = alerts.record(bruteForce(9, Severity.MEDIUM, T0.plusSeconds(30), T0.plusSeconds(300),
                "line 7"), T0.plusSeconds(300));

        assertThat(alerts.list(AlertQuery.all())).hasSize(1);
        assertThat(updated.alert().count()).isEqualTo(9);
        assertThat(updated.alert().firstSeen()).isEqualTo(T0);
        assertThat(updated.alert().lastSeen()).isEqualTo(T0.plusSeconds(300));
        assertThat(updated.alert().severity()).as("severity is never lowered").isEqualTo(Severity.HIGH);
        StoredAlert read = alerts.find("auth.bruteforce|203.0.113.7|esx01").orElseThrow();
        assertThat(read.alert()).isEqualTo(updated.alert());
        assertThat(read.alert().source().zone().name()).isEqualTo("dev");
        assertThat(read.alert().evidence()).containsExactly("line 7");
        assertThat(read.status()).isEqualTo(AlertStatus.OPEN);
    }

    @DatabaseTest
    void retentionDeletesOnlyAlertsLastSeenBeforeTheCutoff(Store store) {
        AlertRepository alerts = store.alerts();
        alerts.record(bruteForce(3, Severity.HIGH, T0, T0.plusSeconds(60)), T0.plusSeconds(60));
        alerts.record(new Alert("flow.portscan|172.16.0.8", "flow.portscan", Severity.HIGH, "scan", ATTACKER, ESX,
                T0, T0.plusSeconds(7_200), 50, Map.of(), List.of()), T0.plusSeconds(7_200));

        assertThat(alerts.deleteLastSeenBefore(T0.plusSeconds(60))).as("last seen exactly at the cutoff is kept")
                .isZero();
        assertThat(alerts.deleteLastSeenBefore(T0.plusSeconds(3_600))).isEqualTo(1);
        assertThat(alerts.list(AlertQuery.all())).extracting(a -> a.alert().kind()).containsExactly("flow.portscan");
    }

    @DatabaseTest
    void listFiltersBySeverityKindTimeAndStatusNewestFirst(Store store) {
        AlertRepository alerts = store.alerts();
        alerts.record(bruteForce(5, Severity.HIGH, T0, T0.plusSeconds(10)), T0);
        alerts.record(new Alert("flow.portscan|172.16.0.8", "flow.portscan", Severity.MEDIUM, "Port scan", ATTACKER,
                null, T0.plusSeconds(20), T0.plusSeconds(40), 120, Map.of(), List.of()), T0);
        alerts.record(new Alert("flow.segmentation|a|b", "flow.segmentation", Severity.LOW, "Forbidden flow_x",
                ATTACKER, ESX, T0.plusSeconds(50), T0.plusSeconds(90), 1, Map.of(), List.of()), T0);

        assertThat(alerts.list(AlertQuery.all())).extracting(a -> a.alert().kind())
                .containsExactly("flow.segmentation", "flow.portscan", "auth.bruteforce");
        assertThat(alerts.list(new AlertQuery(Severity.MEDIUM, null, null, null, 10))).hasSize(2);
        assertThat(alerts.list(new AlertQuery(null, "flow.", null, null, 10))).hasSize(2);
        assertThat(alerts.list(new AlertQuery(null, "flow_", null, null, 10))).as("LIKE wildcards are escaped").isEmpty();
        assertThat(alerts.list(new AlertQuery(null, null, T0.plusSeconds(41), null, 10))).hasSize(1);
        assertThat(alerts.list(new AlertQuery(null, null, null, null, 1))).hasSize(1);

        assertThat(alerts.page(AlertQuery.all(), 1, 1)).extracting(a -> a.alert().kind()).containsExactly("flow.portscan");
        assertThat(alerts.page(AlertQuery.all(), 5, 10)).isEmpty();
        assertThat(alerts.count(new AlertQuery(null, "flow.", null, null, 1))).as("count ignores the limit").isEqualTo(2);
        assertThat(alerts.countBySeverity(AlertStatus.OPEN)).containsEntry(Severity.HIGH, 1L)
                .containsEntry(Severity.MEDIUM, 1L).containsEntry(Severity.LOW, 1L).containsEntry(Severity.CRITICAL, 0L);

        assertThat(alerts.setStatus("flow.portscan|172.16.0.8", AlertStatus.CLOSED, "scanner is the vuln team",
                T0.plusSeconds(100))).isTrue();
        assertThat(alerts.setStatus("no-such-alert", AlertStatus.CLOSED, null, T0)).isFalse();
        assertThat(alerts.list(new AlertQuery(null, null, null, AlertStatus.OPEN, 10))).hasSize(2);
        assertThat(alerts.countByStatus()).containsEntry(AlertStatus.OPEN, 2L).containsEntry(AlertStatus.CLOSED, 1L)
                .containsEntry(AlertStatus.ACKNOWLEDGED, 0L);
    }

    @DatabaseTest
    void aClosedIncidentThatFiresAgainIsReopened(Store store) {
        AlertRepository alerts = store.alerts();
        alerts.record(bruteForce(3, Severity.HIGH, T0, T0), T0);
        alerts.setStatus("auth.bruteforce|203.0.113.7|esx01", AlertStatus.CLOSED, "handled", T0.plusSeconds(5));
        StoredAlert again = alerts.record(bruteForce(4, Severity.HIGH, T0, T0.plusSeconds(600)), T0.plusSeconds(600));
        assertThat(again.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(again.statusNote()).isEqualTo("handled");
    }
}
