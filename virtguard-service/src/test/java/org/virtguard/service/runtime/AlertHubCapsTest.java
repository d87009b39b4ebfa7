package org.virtguard.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;
import org.virtguard.server.metrics.ServiceMetrics;

/**
 * The caps on new alerts in the one alert path: beyond them, new alerts of a kind fold into one flood alert per
 * kind and scope that counts them; updates of alerts already raised and alerts of other detectors always pass.
 */
class AlertHubCapsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final Map<String, Alert> stored = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void oneSourceBeyondItsCapFoldsIntoOneFloodAlertForThatSource() {
        try (AlertHub hub = hub(5, 100)) {
            for (int port = 0; port < 30; port++) {
                hub.raise(alert("flow.segmentation|198.51.100.7|" + port, "flow.segmentation", "198.51.100.7"));
            }
            hub.raise(alert("flow.segmentation|198.51.100.8|1", "flow.segmentation", "198.51.100.8"));
        }
        assertThat(keysOf("flow.segmentation")).hasSize(6);
        Alert flood = single("flow.flood");
        assertThat(flood.count()).isEqualTo(25);
        assertThat(flood.source().address()).isEqualTo("198.51.100.7");
        assertThat(flood.attributes()).containsEntry("foldedKind", "flow.segmentation")
                .containsEntry("scope", "source 198.51.100.7").containsEntry("foldedAlerts", "25")
                .containsEntry("sourceCount", "1").containsEntry("sources", "198.51.100.7")
                .containsEntry("cap", "5").containsEntry("window", "10m");
        assertThat(flood.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void manySourcesBeyondTheGlobalCapFoldIntoOneFloodAlertThatNamesThem() {
        ServiceMetrics metrics = new ServiceMetrics();
        try (AlertHub hub = new AlertHub((a, at) -> stored.merge(a.key(), a, (x, y) -> y), metrics,
                Optional.empty(), clock, m -> { }, Duration.ofMinutes(10), 5, 40)) {
            for (int i = 0; i < 5000; i++) {
                String src = "198.18." + (i / 250) + "." + (i % 250);
                hub.raise(alert("auth.bruteforce|" + src + "|esx01", "auth.bruteforce", src));
            }
            hub.close();
            assertThat(hub.suppressedByKind()).containsEntry("auth.bruteforce", 4960L);
        }
        assertThat(keysOf("auth.bruteforce")).hasSize(40);
        Alert flood = single("auth.flood");
        assertThat(flood.count()).isEqualTo(4960);
        assertThat(flood.source()).isNull();
        assertThat(flood.attributes()).containsEntry("scope", "all sources").containsEntry("foldedAlerts", "4960")
                .containsEntry("sourceCount", "4960").containsEntry("cap", "40");
        assertThat(flood.attributes().get("sources").split(", ")).hasSize(FloodAlert.SAMPLE_SOURCES)
                .allMatch(s -> s.startsWith("198.18."));
        assertThat(flood.title()).contains("4960 new auth.bruteforce alerts folded").contains("4960 sources");
        assertThat(stored).hasSize(41);
    }

    @Test
    void updatesOfRaisedAlertsAndOtherDetectorsPassBeyondTheCaps() {
        try (AlertHub hub = hub(1, 2)) {
            hub.raise(alert("auth.bruteforce|a|h", "auth.bruteforce", "192.0.2.1"));
            hub.raise(alert("auth.bruteforce|b|h", "auth.bruteforce", "192.0.2.2"));
            awaitRecorded(hub, 2);
            for (int i = 0; i < 50; i++) {
                hub.raise(new Alert("auth.bruteforce|a|h", "auth.bruteforce", Severity.HIGH, "update " + i,
                        Endpoint.unattributed("192.0.2.1"), null, T0, T0, i, Map.of(), List.of()));
            }
            for (int i = 0; i < 50; i++) {
                hub.raise(alert("exposure.kev|vm-" + i, "exposure.kev", null));
            }
        }
        assertThat(stored.get("auth.bruteforce|a|h").title()).isEqualTo("update 49");
        assertThat(keysOf("exposure.kev")).hasSize(50);
        assertThat(keysOf("auth.flood")).isEmpty();
    }

    @Test
    void aNewWindowAdmitsAgainAndALaterFloodIsANewAlert() {
        try (AlertHub hub = hub(1, 3)) {
            for (int i = 0; i < 10; i++) {
                hub.raise(alert("auth.bruteforce|w1-" + i, "auth.bruteforce", "203.0.113." + i));
            }
            awaitRecorded(hub, 4);
            clock.advance(Duration.ofMinutes(25));
            for (int i = 0; i < 10; i++) {
                hub.raise(alert("auth.bruteforce|w2-" + i, "auth.bruteforce", "203.0.113." + i));
            }
        }
        assertThat(keysOf("auth.bruteforce")).hasSize(6);
        assertThat(keysOf("auth.flood")).hasSize(2);
        assertThat(stored.values().stream().filter(a -> a.kind().equals("auth.flood")).mapToLong(Alert::count))
                .containsOnly(7L);
    }

    private AlertHub hub(int perSource, int global) {
        return new AlertHub((a, at) -> stored.merge(a.key(), a, (x, y) -> y), new ServiceMetrics(), Optional.empty(),
                clock, m -> { }, Duration.ofMinutes(10), perSource, global);
    }

    private static void awaitRecorded(AlertHub hub, long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hub.recorded() < n || hub.queued() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("alerts not recorded: " + hub.recorded());
            }
            Thread.onSpinWait();
        }
    }

    private List<String> keysOf(String kind) {
        return stored.values().stream().filter(a -> a.kind().equals(kind)).map(Alert::key).toList();
    }

    private Alert single(String kind) {
        List<Alert> found = stored.values().stream().filter(a -> a.kind().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.getFirst();
    }

    private Alert alert(String key, String kind, String source) {
        return new Alert(key, kind, Severity.HIGH, kind + " " + key, source == null ? null
                : Endpoint.unattributed(source), null, clock.instant(), clock.instant(), 3, Map.of(), List.of());
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
