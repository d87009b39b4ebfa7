package org.virtguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.Alert;
import org.virtguard.spi.EndpointResolver;

/**
 * loghub's Linux_2k: pam_unix "authentication failure" lines from sshd in the old {@code sshd(pam_unix)[pid]}
 * layout. Expected: every rhost with at least 5 failures within 24 hours, computed from loghub's CSV.
 */
class LoghubLinuxTest {

    private static final Pattern RHOST = Pattern.compile("rhost=(\\S+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ENGLISH);

    @Test
    void findsThePamBruteForceSourcesByRhost() throws Exception {
        Path dir = TestEnvironment.requireCorpus("logs/ssh/loghub");
        Map<String, List<Long>> failures = new HashMap<>();
        for (Map<String, String> row : LoghubCsv.read(dir.resolve("Linux_2k.log_structured.csv"))) {
            String content = row.get("Content");
            if (!"sshd(pam_unix)".equals(row.get("Component")) || !content.startsWith("authentication failure;")) {
                continue;
            }
            Matcher m = RHOST.matcher(content);
            if (!m.find()) {
                continue;
            }
            long t = LocalDateTime.parse("2005 " + row.get("Month") + " " + row.get("Date") + " " + row.get("Time"), TIME)
                    .toEpochSecond(ZoneOffset.UTC);
            failures.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(t);
        }
        Set<String> expected = new HashSet<>();
        failures.forEach((host, times) -> {
            List<Long> sorted = times.stream().sorted().toList();
            for (int i = 0; i + 4 < sorted.size(); i++) {
                if (sorted.get(i + 4) - sorted.get(i) <= 24 * 3600) {
                    expected.add(host);
                }
            }
        });
        assertThat(expected).hasSizeGreaterThan(20).contains("218.188.2.4");

        DetectorConfig config = DetectorConfig.defaults().withFailures(5);
        LogAnalysis analysis = new LogAnalyzer(config, EndpointResolver.none())
                .analyze(dir.resolve("Linux_2k.log"), YearInference.startingIn(2005, ZoneOffset.UTC));
        Set<String> found = analysis.alerts().stream().filter(a -> a.kind().equals("auth.bruteforce"))
                .map(a -> a.source().address()).collect(Collectors.toSet());
        assertThat(found).isEqualTo(expected);
        assertThat(analysis.counters().get(org.virtguard.logs.intake.IntakeCounter.BAD_HEADER)).isZero();
        assertThat(analysis.counters().get(org.virtguard.logs.intake.IntakeCounter.LINES)).isEqualTo(2000);
        Alert one = analysis.alerts().stream().filter(a -> a.source() != null
                && a.source().address().equals("218.188.2.4")).findFirst().orElseThrow();
        assertThat(one.target().hostName()).isEqualTo("combo");
        assertThat(one.evidence()).allSatisfy(line -> assertThat(line).contains("rhost=218.188.2.4"));
    }
}
