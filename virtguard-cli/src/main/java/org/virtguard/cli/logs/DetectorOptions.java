package org.virtguard.cli.logs;

import java.time.Duration;
import java.util.Locale;

import org.virtguard.cli.CliException;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Option;

/** Detector thresholds shared by {@code logs analyze} and {@code logs listen}. */
public final class DetectorOptions {

    @Option(names = "--failures", paramLabel = "N", defaultValue = "3",
            description = "Failures from one source within --window that make a brute force (default: ${DEFAULT-VALUE}, STIG).")
    int failures;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "15m",
            description = "The short window, e.g. 15m (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--slow-failures", paramLabel = "N", defaultValue = "5",
            description = "Failures within --slow-window that make a slow brute force (default: ${DEFAULT-VALUE}).")
    int slowFailures;

    @Option(names = "--slow-window", paramLabel = "DURATION", defaultValue = "24h",
            description = "The long window for slow attacks (default: ${DEFAULT-VALUE}).")
    String slowWindow;

    @Option(names = "--spray-accounts", paramLabel = "N", defaultValue = "5",
            description = "Distinct accounts one source tries within --slow-window that make password spraying (default: ${DEFAULT-VALUE}).")
    int sprayAccounts;

    @Option(names = "--distributed-sources", paramLabel = "N", defaultValue = "10",
            description = "Distinct sources guessing one account within --slow-window (default: ${DEFAULT-VALUE}).")
    int distributedSources;

    @Option(names = "--takeover-failures", paramLabel = "N", defaultValue = "3",
            description = "Failures from a source before its successful login that make it a likely takeover (default: ${DEFAULT-VALUE}).")
    int takeoverFailures;

    /** The detector configuration these options describe. */
    public DetectorConfig config() {
        try {
            return DetectorConfig.defaults().withWindow(duration("--window", window)).withFailures(failures)
                    .withSlow(slowFailures, duration("--slow-window", slowWindow))
                    .withBreadth(sprayAccounts, distributedSources).withTakeoverFailures(takeoverFailures);
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "invalid detector thresholds: " + e.getMessage(), 2);
        }
    }

    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException(t);
            };
        } catch (RuntimeException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, option + ": '" + text
                    + "' is not a duration (e.g. 90s, 15m, 24h, 7d, PT15M)", 2);
        }
    }
}
