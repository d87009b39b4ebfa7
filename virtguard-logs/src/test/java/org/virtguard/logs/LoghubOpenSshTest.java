package org.virtguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.intake.IntakeCounter;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;
import org.virtguard.spi.EndpointResolver;

/**
 * loghub's OpenSSH_2k: the expected attackers come from loghub's own structured CSV (event templates E8, E9,
 * E10 = "Failed ... from", E14 = "message repeated N times"), not from VirtGuard's parser.
 */
class LoghubOpenSshTest {

    private static final Pattern FROM = Pattern.compile(" from (\\S+) port ");
    private static final Pattern REPEATED = Pattern.compile("^message repeated (\\d+) times");

    private static Map<String, Integer> failuresBySource;
    private static Set<String> acceptedSources;
    private static LogAnalysis analysis;

    @BeforeAll
    static void analyze() throws Exception {
        Path dir = TestEnvironment.requireCorpus("logs/ssh/loghub");
        failuresBySource = new TreeMap<>();
        acceptedSources = new java.util.TreeSet<>();
        for (Map<String, String> row : LoghubCsv.read(dir.resolve("OpenSSH_2k.log_structured.csv"))) {
            String event = row.get("EventId");
            String content = row.get("Content");
            Matcher from = FROM.matcher(content);
            if (!from.find()) {
                continue;
            }
            switch (event) {
                case "E8", "E9", "E10" -> failuresBySource.merge(from.group(1), 1, Integer::sum);
                case "E14" -> {
                    Matcher n = REPEATED.matcher(content);
                    assertThat(n.find()).as(content).isTrue();
                    failuresBySource.merge(from.group(1), Integer.parseInt(n.group(1)), Integer::sum);
                }
                case "E1" -> acceptedSources.add(from.group(1));
                default -> { }
            }
        }
        DetectorConfig config = DetectorConfig.defaults().withFailures(5).withSlow(5, Duration.ofHours(24));
        analysis = new LogAnalyzer(config, EndpointResolver.none())
                .analyze(dir.resolve("OpenSSH_2k.log"), YearInference.startingIn(2016, ZoneOffset.UTC));
    }

    @Test
    void everySourceWithFiveOrMoreFailuresIsReportedAndNoOther() {
        Set<String> expected = failuresBySource.entrySet().stream().filter(e -> e.getValue() >= 5)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThanOrEqualTo(10).contains("183.62.140.253", "52.80.34.196");
        assertThat(sourcesOf("auth.bruteforce")).isEqualTo(expected);
        for (String address : expected) {
            Alert alert = alert("auth.bruteforce", address);
            assertThat(alert.count()).as(address).isEqualTo(failuresBySource.get(address).longValue());
            assertThat(alert.evidence()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
            assertThat(alert.target().hostName()).isEqualTo("LabSZ");
        }
    }

    @Test
    void sourcesBelowThresholdRaiseNothing() {
        Set<String> below = failuresBySource.entrySet().stream().filter(e -> e.getValue() < 5)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(below).isNotEmpty();
        for (Alert a : analysis.alerts()) {
            if (a.source() != null) {
                assertThat(below).as(a.title()).doesNotContain(a.source().address());
            }
        }
    }

    @Test
    void theSlowAttackOverThreeHoursNeedsAndGetsTheLongWindow() {
        Alert slow = alert("auth.bruteforce", "52.80.34.196");
        assertThat(Duration.between(slow.firstSeen(), slow.lastSeen())).isGreaterThan(Duration.ofHours(3));
        assertThat(slow.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(slow.count()).isEqualTo(5);
        assertThat(slow.attributes().get("accounts")).contains("test9", "matlab");
    }

    @Test
    void theAcceptedLoginIsReportedWithWhetherFailuresPrecededIt() {
        assertThat(acceptedSources).isNotEmpty();
        for (String source : acceptedSources) {
            List<Alert> logins = analysis.alerts().stream()
                    .filter(a -> a.kind().startsWith("auth.login") || a.kind().equals("auth.takeover"))
                    .filter(a -> a.source() != null && a.source().address().equals(source)).toList();
            assertThat(logins).as(source).hasSize(1);
            boolean hadFailures = failuresBySource.getOrDefault(source, 0) > 0;
            assertThat(logins.get(0).attributes()).containsEntry("afterFailures", Boolean.toString(hadFailures));
            assertThat(logins.get(0).attributes().get("accounts")).isEqualTo("fztu");
        }
    }

    @Test
    void everyLineIsAccountedFor() {
        Map<IntakeCounter, Long> c = analysis.counters();
        assertThat(c.get(IntakeCounter.LINES)).isEqualTo(2000);
        assertThat(c.get(IntakeCounter.AUTH_EVENTS) + c.get(IntakeCounter.IGNORED)).isEqualTo(2000);
        assertThat(c.get(IntakeCounter.BAD_HEADER) + c.get(IntakeCounter.BAD_TIMESTAMP)).isZero();
    }

    private static Set<String> sourcesOf(String kind) {
        return analysis.alerts().stream().filter(a -> a.kind().equals(kind)).map(a -> a.source().address())
                .collect(Collectors.toSet());
    }

    private static Alert alert(String kind, String source) {
        return analysis.alerts().stream()
                .filter(a -> a.kind().equals(kind) && a.source() != null && a.source().address().equals(source))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " alert for " + source));
    }
}
