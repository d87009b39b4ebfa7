package org.virtguard.logs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtguard.logs.parse.AuthEvent;
import org.virtguard.logs.parse.AuthOutcome;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;
import org.virtguard.model.TrustZone;
import org.virtguard.spi.EndpointResolver;

class AuthDetectorTest {

    private static final long MIN = 60_000L;
    private final List<Alert> published = new ArrayList<>();
    private final List<AlertListener.Change> changes = new ArrayList<>();
    private final AuthDetector detector = new AuthDetector(DetectorConfig.defaults(), EndpointResolver.none(),
            (a, c) -> {
                published.add(a);
                changes.add(c);
            });

    private static AuthEvent event(long minute, AuthOutcome outcome, String user, String source) {
        return new AuthEvent(minute * MIN, "esx01", "sshd", outcome, user, source, 1, false,
                outcome + " " + user + " from " + source + " at " + minute);
    }

    @Test
    void threeFailuresInFifteenMinutesRaiseOneAlertThatTheAttackUpdates() {
        detector.accept(event(0, AuthOutcome.FAILURE, "root", "203.0.113.7"));
        detector.accept(event(5, AuthOutcome.FAILURE, "root", "203.0.113.7"));
        assertThat(detector.alerts()).isEmpty();
        detector.accept(event(10, AuthOutcome.FAILURE, "admin", "203.0.113.7"));
        for (int i = 0; i < 50; i++) {
            detector.accept(event(11 + i, AuthOutcome.FAILURE, "root", "203.0.113.7"));
        }
        List<Alert> alerts = detector.alerts().stream().filter(a -> a.kind().equals("auth.bruteforce")).toList();
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.key()).isEqualTo("auth.bruteforce|203.0.113.7|esx01");
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.count()).isEqualTo(53);
        assertThat(a.firstSeen().toEpochMilli()).isZero();
        assertThat(a.lastSeen().toEpochMilli()).isEqualTo(60 * MIN);
        assertThat(a.attributes()).containsEntry("accounts", "root,admin").containsEntry("accountCount", "2");
        assertThat(a.evidence()).hasSizeLessThanOrEqualTo(10).first().asString().contains("at 0");
        assertThat(a.evidence()).last().asString().contains("at 60");
        assertThat(changes).containsOnlyOnce(AlertListener.Change.CREATED);
    }

    @Test
    void failuresSpreadBeyondTheShortWindowNeedTheSlowWindow() {
        for (int i = 0; i < 4; i++) {
            detector.accept(event(i * 40L, AuthOutcome.FAILURE, "root", "198.51.100.1"));
        }
        assertThat(detector.alerts()).isEmpty();
        detector.accept(event(200, AuthOutcome.FAILURE, "root", "198.51.100.1"));
        Alert slow = detector.alerts().get(0);
        assertThat(slow.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(slow.title()).startsWith("Slow brute force");
        detector.accept(event(201, AuthOutcome.FAILURE, "root", "198.51.100.1"));
        detector.accept(event(202, AuthOutcome.FAILURE, "root", "198.51.100.1"));
        assertThat(detector.alerts().get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(changes).contains(AlertListener.Change.ESCALATED);
    }

    @Test
    void failuresOlderThanTheSlowWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            detector.accept(event(i * 24 * 60L, AuthOutcome.FAILURE, "root", "198.51.100.2"));
        }
        assertThat(detector.alerts()).isEmpty();
    }

    @Test
    void successAfterARunOfFailuresIsCritical() {
        for (int i = 0; i < 4; i++) {
            detector.accept(event(i, AuthOutcome.FAILURE, "root", "203.0.113.9"));
        }
        detector.accept(event(5, AuthOutcome.SUCCESS, "root", "203.0.113.9"));
        Alert top = detector.alerts().get(0);
        assertThat(top.kind()).isEqualTo("auth.takeover");
        assertThat(top.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(top.attributes()).containsEntry("precedingFailures", "4").containsEntry("afterFailures", "true");
        assertThat(top.evidence()).anySatisfy(l -> assertThat(l).startsWith("SUCCESS"));
        Alert brute = detector.alerts().stream().filter(a -> a.kind().equals("auth.bruteforce")).findFirst().orElseThrow();
        assertThat(brute.attributes()).containsEntry("followedBySuccess", "root");
    }

    @Test
    void sprayingIsManyAccountsFromOneSource() {
        String[] users = {"root", "admin", "oracle", "test", "ubuntu"};
        for (int i = 0; i < users.length; i++) {
            detector.accept(event(i * 60L, AuthOutcome.FAILURE, users[i], "192.0.2.50"));
        }
        Alert spray = detector.alerts().stream().filter(a -> a.kind().equals("auth.spraying")).findFirst().orElseThrow();
        assertThat(spray.attributes()).containsEntry("accountCount", "5");
        assertThat(spray.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void accountListsAreBoundedAndSayWhenTheyOverflow() {
        for (int i = 0; i < 60; i++) {
            detector.accept(event(i, AuthOutcome.FAILURE, "user" + i, "192.0.2.51"));
        }
        Alert spray = detector.alerts().stream().filter(a -> a.kind().equals("auth.spraying")).findFirst().orElseThrow();
        assertThat(spray.attributes()).containsEntry("accountCount", "50+");
        assertThat(spray.attributes().get("accounts")).endsWith(",…").startsWith("user0,user1,");
        assertThat(spray.title()).isEqualTo("Password spraying: 192.0.2.51 tried 50+ accounts on esx01");
    }

    @Test
    void distributedGuessingIsOneAccountFromManySources() {
        for (int i = 1; i <= 10; i++) {
            detector.accept(event(i, AuthOutcome.FAILURE, "administrator", "192.0.2." + i));
        }
        Alert dist = detector.alerts().stream().filter(a -> a.kind().equals("auth.distributed")).findFirst().orElseThrow();
        assertThat(dist.key()).isEqualTo("auth.distributed|administrator|esx01");
        assertThat(dist.attributes()).containsEntry("sourceCount", "10");
        assertThat(dist.source()).isNull();
        assertThat(detector.alerts()).noneMatch(a -> a.kind().equals("auth.bruteforce"));
    }

    @Test
    void loginFromOutsideTheManagementZoneIsHighAndFromInsideIsSilent() {
        TrustZone mgmt = new TrustZone("mgmt", 5, true);
        TrustZone dmz = new TrustZone("dmz", 1, false);
        EndpointResolver zones = address -> new Endpoint(address, null, address.endsWith(".7") ? "vm-7" : null,
                address.endsWith(".7") ? "web07" : null, null, null, address.startsWith("10.0.") ? mgmt : dmz, false);
        AuthDetector d = new AuthDetector(DetectorConfig.defaults(), zones, AlertListener.none());
        d.accept(event(1, AuthOutcome.SUCCESS, "root", "10.0.0.5"));
        assertThat(d.alerts()).isEmpty();
        d.accept(event(2, AuthOutcome.SUCCESS, "root", "172.16.5.7"));
        Alert a = d.alerts().get(0);
        assertThat(a.kind()).isEqualTo("auth.login.outside-management");
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.source().vmName()).isEqualTo("web07");
        assertThat(a.attributes()).containsEntry("sourceZone", "dmz").containsEntry("sourceVm", "web07");
    }

    @Test
    void lockoutsAndALockoutStorm() {
        detector.accept(event(1, AuthOutcome.LOCKOUT, "root", null));
        assertThat(detector.alerts()).extracting(Alert::kind).containsExactly("auth.lockout");
        detector.accept(new AuthEvent(2 * MIN, "esx02", "esxi-hostd", AuthOutcome.LOCKOUT, "root", null, 1, false, "l2"));
        detector.accept(new AuthEvent(3 * MIN, "esx03", "esxi-hostd", AuthOutcome.LOCKOUT, "admin", null, 1, false, "l3"));
        Alert storm = detector.alerts().stream().filter(a -> a.kind().equals("auth.lockout-storm")).findFirst().orElseThrow();
        assertThat(storm.severity()).isEqualTo(Severity.HIGH);
        assertThat(storm.attributes().get("hosts")).contains("esx02", "esx03");
    }

    @Test
    void trackedStateIsBounded() {
        DetectorConfig small = new DetectorConfig(3, java.time.Duration.ofMinutes(15), 5, java.time.Duration.ofHours(24),
                5, 10, 3, 3, 100, 10);
        AuthDetector d = new AuthDetector(small, EndpointResolver.none(), AlertListener.none());
        for (int i = 0; i < 20_000; i++) {
            String src = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            for (int k = 0; k < 3; k++) {
                d.accept(event(i, AuthOutcome.FAILURE, "u" + i, src));
            }
        }
        assertThat(d.alerts()).hasSizeLessThanOrEqualTo(100);
    }
}
