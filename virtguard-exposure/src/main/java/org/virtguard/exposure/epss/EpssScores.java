package org.virtguard.exposure.epss;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.virtguard.exposure.ExposureDataException;

/**
 * FIRST's Exploit Prediction Scoring System scores, read from the daily CSV
 * ({@code #model_version:v2025.03.14,score_date:2025-12-06T00:00:00+0000}, then {@code cve,epss,percentile}).
 * Lines are bounded ({@link #MAX_LINE}), as are the number of rows ({@link #MAX_ROWS}); a row with a bad CVE id or a
 * score outside 0..1 is skipped and counted with its reason; a file without the header is rejected.
 */
public final class EpssScores {

    public static final int MAX_LINE = 512;
    public static final int MAX_ROWS = 2_000_000;
    private static final java.util.regex.Pattern CVE = java.util.regex.Pattern.compile("CVE-\\d{4}-\\d{4,9}");

    /**
     * One CVE's score.
     *
     * @param epss       probability of exploitation activity in the next 30 days, 0..1
     * @param percentile the score's percentile among all scored CVEs, 0..1
     */
    public record Score(double epss, double percentile) {
    }

    private final Map<String, Score> byCve;
    private final String modelVersion;
    private final Instant scoreDate;
    private final Map<String, Integer> skipped;

    private EpssScores(Map<String, Score> byCve, String modelVersion, Instant scoreDate, Map<String, Integer> skipped) {
        this.byCve = byCve;
        this.modelVersion = modelVersion;
        this.scoreDate = scoreDate;
        this.skipped = Map.copyOf(skipped);
    }

    public static EpssScores empty() {
        return new EpssScores(Map.of(), null, null, Map.of());
    }

    /**
     * Reads the CSV (already decompressed) from {@code in}.
     *
     * @param origin the file name, for errors
     */
    public static EpssScores read(InputStream in, String origin) {
        Map<String, Score> scores = new HashMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        String model = null;
        Instant date = null;
        boolean header = false;
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Lines lines = new Lines(reader);
            long lineNo = 0;
            String line;
            while ((line = lines.next(origin, lineNo + 1)) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (!header && line.startsWith("#")) {
                    for (String part : line.substring(1).split(",")) {
                        int eq = part.indexOf(':');
                        if (eq < 0) {
                            continue;
                        }
                        String key = part.substring(0, eq).strip();
                        String value = part.substring(eq + 1).strip();
                        if (key.equals("model_version")) {
                            model = value.length() > 64 ? value.substring(0, 64) : value;
                        } else if (key.equals("score_date")) {
                            date = scoreDate(value, origin);
                        }
                    }
                    continue;
                }
                if (!header) {
                    if (!line.strip().replace("\"", "").equalsIgnoreCase("cve,epss,percentile")) {
                        throw new ExposureDataException(origin + ": line " + lineNo
                                + ": expected the EPSS header 'cve,epss,percentile'");
                    }
                    header = true;
                    continue;
                }
                if (scores.size() >= MAX_ROWS) {
                    throw new ExposureDataException(origin + ": more than " + MAX_ROWS + " EPSS rows");
                }
                row(line, scores, skipped);
            }
        } catch (IOException e) {
            throw new ExposureDataException(origin + ": cannot read the EPSS scores: " + e.getMessage(), e);
        }
        if (!header) {
            throw new ExposureDataException(origin + ": no EPSS header 'cve,epss,percentile' found");
        }
        return new EpssScores(Map.copyOf(scores), model, date, skipped);
    }

    private static void row(String line, Map<String, Score> scores, Map<String, Integer> skipped) {
        String[] f = line.strip().split(",", -1);
        if (f.length != 3) {
            skipped.merge("not three columns", 1, Integer::sum);
            return;
        }
        String cve = f[0].strip();
        if (!CVE.matcher(cve).matches()) {
            skipped.merge("not a CVE id", 1, Integer::sum);
            return;
        }
        double epss;
        double percentile;
        try {
            epss = Double.parseDouble(f[1].strip());
            percentile = Double.parseDouble(f[2].strip());
        } catch (NumberFormatException e) {
            skipped.merge("score is not a number", 1, Integer::sum);
            return;
        }
        if (!(epss >= 0 && epss <= 1 && percentile >= 0 && percentile <= 1)) {
            skipped.merge("score outside 0..1", 1, Integer::sum);
            return;
        }
        if (scores.putIfAbsent(cve, new Score(epss, percentile)) != null) {
            skipped.merge("CVE listed twice", 1, Integer::sum);
        }
    }

    /** Reads lines of at most {@link #MAX_LINE} characters from a buffer, without a lock per character. */
    private static final class Lines {
        private final java.io.Reader reader;
        private final char[] buffer = new char[64 * 1024];
        private int pos;
        private int end;

        Lines(java.io.Reader reader) {
            this.reader = reader;
        }

        String next(String origin, long lineNo) throws IOException {
            StringBuilder b = null;
            while (true) {
                if (pos == end) {
                    end = reader.read(buffer, 0, buffer.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        return b == null || b.isEmpty() ? null : b.toString();
                    }
                }
                int start = pos;
                while (pos < end && buffer[pos] != '\n') {
                    pos++;
                }
                int length = pos - start;
                if ((b == null ? 0 : b.length()) + length > MAX_LINE + 1) {
                    throw new ExposureDataException(origin + ": line " + lineNo + " is longer than " + MAX_LINE
                            + " characters; not an EPSS CSV");
                }
                if (pos < end) {
                    pos++;
                    String line = b == null ? new String(buffer, start, length) : b.append(buffer, start, length)
                            .toString();
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(buffer, start, length);
            }
        }
    }

    private static Instant scoreDate(String value, String origin) {
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).atStartOfDay()
                            .toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new ExposureDataException(origin + ": score_date '" + (v.length() > 40 ? v.substring(0, 40)
                            : v) + "' is not a date");
                }
            }
        }
    }

    public Optional<Score> find(String cve) {
        return Optional.ofNullable(byCve.get(cve));
    }

    public int size() {
        return byCve.size();
    }

    /** The model version from the comment line, or {@code null}. */
    public String modelVersion() {
        return modelVersion;
    }

    /** The score date from the comment line, or {@code null} when the file has none. */
    public Instant scoreDate() {
        return scoreDate;
    }

    /** Rows skipped, by reason. */
    public Map<String, Integer> skipped() {
        return skipped;
    }
}
