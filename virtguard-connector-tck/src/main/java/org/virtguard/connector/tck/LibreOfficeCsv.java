package org.virtguard.connector.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real spreadsheet reader for tests: LibreOffice Calc headless ({@code soffice --convert-to csv}) turns every
 * worksheet of a workbook back into CSV, which is parsed here. Tests that need it skip loudly when LibreOffice is
 * missing (Debian package {@code libreoffice-calc-nogui}, installed by {@code scripts/lib/services.sh}) and fail
 * when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
public final class LibreOfficeCsv {

    /**
     * The CSV filter: comma, double quote, UTF-8, from line 1, cells as shown, formulas not exported (a formula
     * cell would show its result, so text that looks like a formula is seen to be text), every sheet ({@code -1},
     * LibreOffice 7.2 and newer) into {@code NAME-SHEET.csv}.
     */
    public static final String FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

    private final Path soffice;

    private LibreOfficeCsv(Path soffice) {
        this.soffice = soffice;
    }

    /** LibreOffice, or a skipped (failed under {@code VIRTGUARD_REQUIRE_SERVICES=1}) test when it is missing. */
    public static LibreOfficeCsv require() {
        Path found = find();
        if (found == null) {
            System.err.println("!! SKIPPING: LibreOffice (soffice) is not installed; install Debian package "
                    + "libreoffice-calc-nogui (scripts/lib/services.sh virtguard_ensure_libreoffice)");
        }
        TestEnvironment.require(found != null, "LibreOffice 'soffice' (Debian package libreoffice-calc-nogui)");
        return new LibreOfficeCsv(found);
    }

    private static Path find() {
        String configured = System.getenv("VIRTGUARD_SOFFICE");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "soffice");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Every worksheet of {@code workbook} as rows of cells, by sheet name in workbook order, as LibreOffice reads it.
     *
     * @param work an empty directory for LibreOffice's profile and output
     * @throws IOException when LibreOffice fails or writes nothing
     */
    public Map<String, List<List<String>>> sheets(Path workbook, Path work) throws IOException, InterruptedException {
        Path out = Files.createDirectories(work.resolve("csv"));
        Path profile = Files.createDirectories(work.resolve("profile"));
        Path log = work.resolve("soffice.log");
        Process p = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + profile.toUri(), "--headless",
                "--norestore", "--convert-to", FILTER, "--outdir", out.toString(), workbook.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("soffice did not finish within 300 s: " + Files.readString(log));
        }
        String base = workbook.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("Writing sheet ");
            int arrow = line.indexOf(" -> ");
            if (at >= 0 && arrow > at) {
                order.add(line.substring(at + "Writing sheet ".length(), arrow));
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            List<Path> csvs = files.filter(f -> f.getFileName().toString().startsWith(base + "-")).sorted().toList();
            for (String sheet : order) {
                sheets.put(sheet, null);
            }
            for (Path f : csvs) {
                String name = f.getFileName().toString();
                sheets.put(name.substring(base.length() + 1, name.length() - ".csv".length()),
                        parse(Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        sheets.values().removeIf(v -> v == null);
        if (p.exitValue() != 0 || sheets.isEmpty()) {
            throw new IOException("soffice exited " + p.exitValue() + " with no sheets: " + Files.readString(log));
        }
        return sheets;
    }

    /** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) as rows of fields. */
    public static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    row.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    row.add(field.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (any || !field.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
