package org.virtguard.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.LibreOfficeCsv;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.w3c.dom.Document;

class InventoryExportTest {

    private static final String FORMULA = "=HYPERLINK(\"http://evil.example/\",\"click\")";
    private static final String CONTROL = "bell\u0007 and _x0041_ & <b>";
    private static final Clock CLOCK = Clock.fixed(GeneratedLab.AT.plusSeconds(3600), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @Test
    void rowsPerTabMatchTheGeneratedLabInXlsxAndCsv() throws Exception {
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("db")))) {
            GeneratedLab lab = GeneratedLab.store(store, 60, 5, 7L, List.of());
            InventoryExport export = new InventoryExport(store, GeneratedLab.zones(), CLOCK);
            Map<String, Integer> rows = ExportFiles.write(export, ExportFormat.XLSX, temp.resolve("lab.xlsx"));
            assertThat(rows).containsExactlyEntriesOf(expected(lab));
            Map<String, String> csv = unzip(zipOf(export, ExportFormat.CSV));
            for (String tab : InventoryExport.TABS) {
                assertThat(LibreOfficeCsv.parse(csv.get(tab + ".csv"))).as(tab).hasSize(1 + rows.get(tab));
            }
            Map<String, String> sheets = unzip(Files.readAllBytes(temp.resolve("lab.xlsx")));
            assertThat(sheets).containsKeys("[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml",
                    "xl/worksheets/sheet1.xml", "xl/worksheets/sheet8.xml");
            assertThat(count(sheets.get("xl/worksheets/sheet1.xml"), "<row ")).isEqualTo(1 + lab.vms);
            String zonesCsv = csv.get("vZone.csv");
            assertThat(zonesCsv).contains("dmz,20,no,").contains("internal,60,no,");
            assertThat(csv.get("vInfo.csv")).as("a guest OS not collected is said so, not left empty")
                    .contains("unknown (no guest agent)");
        }
    }

    @Test
    void textThatLooksLikeAFormulaStaysTextInXlsxAndIsNeutralisedInCsv() throws Exception {
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("db")))) {
            GeneratedLab.store(store, 3, 1, 1L, List.of(FORMULA, CONTROL, "-2+3"));
            InventoryExport export = new InventoryExport(store, GeneratedLab.zones(), CLOCK);
            Map<String, String> sheets = unzip(zipOf(export, ExportFormat.XLSX));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            for (Map.Entry<String, String> e : sheets.entrySet()) {
                Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                        e.getValue().getBytes(StandardCharsets.UTF_8)));
                assertThat(doc.getElementsByTagName("f").getLength()).as(e.getKey() + " has no formula").isZero();
            }
            String vInfo = sheets.get("xl/worksheets/sheet1.xml");
            assertThat(vInfo).contains("t=\"inlineStr\"><is><t xml:space=\"preserve\">=HYPERLINK(&quot;")
                    .contains("_x005F_x0041_").doesNotContain("\u0007");

            String csv = unzip(zipOf(export, ExportFormat.CSV)).get("vInfo.csv");
            List<String> names = LibreOfficeCsv.parse(csv).stream().skip(1).map(r -> r.getFirst()).toList();
            assertThat(names).contains("'" + FORMULA, "'-2+3", "bell\uFFFD and _x0041_ & <b>");

            LibreOfficeCsv office = LibreOfficeCsv.require();
            Path xlsx = temp.resolve("hostile.xlsx");
            ExportFiles.write(export, ExportFormat.XLSX, xlsx);
            Map<String, List<List<String>>> read = office.sheets(xlsx, Files.createDirectories(temp.resolve("lo")));
            List<String> readNames = read.get("vInfo").stream().skip(1).map(r -> r.getFirst()).toList();
            assertThat(readNames).as("LibreOffice reads the cells as the text written, not as formulas")
                    .contains(FORMULA, "-2+3", "bell\uFFFD and _x0041_ & <b>");
            assertThat(read.get("vInfo").getFirst()).startsWith("VM", "Power state", "Template", "Host");
        }
    }

    @Test
    void aFailedExportLeavesNoFileUnderTheTargetName() throws Exception {
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("db")))) {
            GeneratedLab.store(store, 3, 1, 1L, List.of());
            Path target = temp.resolve("out.xlsx");
            store.close();
            InventoryExport export = new InventoryExport(store, GeneratedLab.zones(), CLOCK);
            try {
                ExportFiles.write(export, ExportFormat.XLSX, target);
            } catch (RuntimeException | IOException expected) {
                // the store is closed
            }
            assertThat(target).doesNotExist();
            try (var files = Files.list(temp)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
            }
        }
    }

    /**
     * 5,000 VMs on 50 hosts, exported as xlsx and as CSV: the row counts hold, and the heap the export adds over
     * the loaded inventory stays small because the writers stream. Prints the time and heap figures.
     */
    @Test
    void fiveThousandVmsExportWithFlatMemory() throws Exception {
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("db")))) {
            GeneratedLab lab = GeneratedLab.store(store, 5_000, 50, 42L, List.of());
            InventoryExport export = new InventoryExport(store, GeneratedLab.zones(), CLOCK);
            ExportFiles.write(export, ExportFormat.XLSX, temp.resolve("warm.xlsx"));
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (ExportFormat format : ExportFormat.values()) {
                System.gc();
                long before = memory.getHeapMemoryUsage().getUsed();
                AtomicLong peak = new AtomicLong(before);
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                Path file = temp.resolve("big" + format.streamSuffix());
                long start = System.nanoTime();
                Map<String, Integer> rows = ExportFiles.write(export, format, file);
                long millis = (System.nanoTime() - start) / 1_000_000;
                sampler.interrupt();
                sampler.join();
                assertThat(rows).containsExactlyEntriesOf(expected(lab));
                System.out.printf("inventory export of 5,000 VMs (%d vNICs) as %s: %d ms, %d KiB, heap peak %d MiB "
                                + "over %d MiB before (max heap %d MiB)%n", lab.nics, format, millis,
                        Files.size(file) / 1024, (peak.get() - before) >> 20, before >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                assertThat(millis).as("generous bound on a loaded 2-core machine").isLessThan(120_000);
            }
        }
    }

    private static Map<String, Integer> expected(GeneratedLab lab) {
        Map<String, Integer> rows = new java.util.LinkedHashMap<>();
        rows.put("vInfo", lab.vms);
        rows.put("vNetwork", lab.nics);
        rows.put("vSwitch", lab.hosts * 2);
        rows.put("vSnapshot", lab.snapshots);
        rows.put("vHost", lab.hosts);
        rows.put("vZone", 2);
        rows.put("vFinding", lab.findings);
        rows.put("vMetaData", 1);
        return rows;
    }

    private static byte[] zipOf(InventoryExport export, ExportFormat format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes) {
            export.write(format.writer(out));
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
