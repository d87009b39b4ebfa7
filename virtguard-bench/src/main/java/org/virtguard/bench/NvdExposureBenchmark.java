package org.virtguard.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.virtguard.exposure.AdvisoryDatabase;
import org.virtguard.exposure.DistributionFixes;
import org.virtguard.exposure.EpssLookup;
import org.virtguard.exposure.ExposureScanner;
import org.virtguard.exposure.GuestOsLifecycle;
import org.virtguard.exposure.KevCatalog;
import org.virtguard.exposure.nvd.ConfigNode;
import org.virtguard.exposure.nvd.Configuration;
import org.virtguard.exposure.nvd.Cpe;
import org.virtguard.exposure.nvd.CpeMatch;
import org.virtguard.exposure.nvd.CveRecord;
import org.virtguard.exposure.nvd.CvssScore;
import org.virtguard.exposure.nvd.NvdDataSet;
import org.virtguard.exposure.nvd.NvdReader;
import org.virtguard.exposure.vmware.BuildTables;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;

/**
 * Issue 17's exposure benchmark, on seeded synthetic data shaped like NVD's (no network, no third-party data):
 * <ol>
 *   <li>load a yearly NVD API 2.0 feed of N records (default 30,000, written first to a temporary
 *       {@code nvdcve-2.0-synthetic.json}: descriptions, CVSS v3.1 and v2, CWEs, references, configurations of 1–3
 *       nodes with 1–60 {@code cpeMatch} entries each) through {@link NvdReader}, and report time and peak heap;</li>
 *   <li>match H hosts (default 5,000: 60% ESXi + vCenter of 6.5–8.0, 40% KVM with QEMU and libvirt) against C CVE
 *       records (default 250,000 built in memory; as in NVD, under 1% of them name ESXi, vCenter, QEMU, libvirt or Xen) and report
 *       the index build and two full scans.</li>
 * </ol>
 * Arguments: {@code [feedRecords] [hosts] [cves] [seed] [load|match|both]}. Wall time and the process's CPU time
 * (all threads, GC included) are printed: on a shared machine the CPU time is the comparable figure. Run the load
 * with {@code -Xmx1g}; the match phase holds every finding of the fleet (about 1.2 million) and needs more.
 */
public final class NvdExposureBenchmark {

    private static final String[] LINES = {"6.5", "6.7", "7.0", "8.0"};

    private NvdExposureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int feedRecords = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int cves = args.length > 2 ? Integer.parseInt(args[2]) : 250_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 17L;
        String phase = args.length > 4 ? args[4] : "both";
        System.out.printf("cores %d, max heap %d MiB, load %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Path dir = Files.createTempDirectory("vg-nvd-bench");
        if (!phase.equals("match")) {
            load(dir, feedRecords, seed);
        }
        if (!phase.equals("load")) {
            match(dir, hosts, cves, seed);
        }
        Files.delete(dir);
    }

    private static void load(Path dir, int feedRecords, long seed) throws IOException {
        Path feed = dir.resolve("nvdcve-2.0-synthetic.json");
        writeFeed(feed, feedRecords, new Random(seed));
        System.out.printf("feed: %d records, %.0f MiB%n", feedRecords, Files.size(feed) / 1048576.0);
        resetPeakHeap();
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        NvdDataSet loaded = new NvdReader().read(feed);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("load: %d records, %d skipped in %.2f s wall, %.2f s CPU, peak heap %.0f MiB%n",
                loaded.records().size(), loaded.skipped(), loadSeconds, (cpuNanos() - c0) / 1e9,
                peakHeapBytes() / 1048576.0);
        Files.delete(feed);
    }

    private static void match(Path dir, int hosts, int cves, long seed) throws IOException {
        Random random = new Random(seed + 1);
        Path table = dir.resolve("esxiReleases.json");
        List<Long> builds = writeBuildTable(table, random);
        NvdDataSet data = new NvdDataSet(records(cves, random), List.of(), List.of());
        List<Host> fleet = hosts(hosts, builds, random);
        resetPeakHeap();
        long t1 = System.nanoTime();
        ExposureScanner scanner = new ExposureScanner(AdvisoryDatabase.bundled(), KevCatalog.empty(),
                GuestOsLifecycle.bundled(), Clock.systemUTC()).withVulnerabilityData(data, BuildTables.load(List.of(table)),
                EpssLookup.NONE, DistributionFixes.NONE);
        double indexSeconds = (System.nanoTime() - t1) / 1e9;
        for (int run = 1; run <= 2; run++) {
            long t2 = System.nanoTime();
            long c2 = cpuNanos();
            List<Finding> findings = scanner.scan(fleet, List.of());
            double scanSeconds = (System.nanoTime() - t2) / 1e9;
            System.out.printf("match run %d: %d hosts x %d CVEs -> %d findings in %.2f s wall, %.2f s CPU "
                    + "(index %.2f s), peak heap %.0f MiB%n", run, hosts, cves, findings.size(), scanSeconds,
                    (cpuNanos() - c2) / 1e9, indexSeconds, peakHeapBytes() / 1048576.0);
            findings = null;
        }
        Files.delete(table);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void writeFeed(Path file, int n, Random r) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("resultsPerPage", n);
            g.writeStringField("format", "NVD_CVE");
            g.writeStringField("version", "2.0");
            g.writeStringField("timestamp", "2026-12-01T00:00:00.000");
            g.writeArrayFieldStart("vulnerabilities");
            for (int i = 0; i < n; i++) {
                g.writeStartObject();
                g.writeObjectFieldStart("cve");
                writeRecord(g, "CVE-2024-" + (10000 + i), r);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeRecord(JsonGenerator g, String id, Random r) throws IOException {
        g.writeStringField("id", id);
        g.writeStringField("sourceIdentifier", "secure@example.org");
        g.writeStringField("published", "2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T10:15:00.000");
        g.writeStringField("lastModified", "2025-0" + (1 + r.nextInt(9)) + "-2" + r.nextInt(9) + "T08:00:00.000");
        g.writeStringField("vulnStatus", r.nextInt(10) == 0 ? "Awaiting Analysis" : "Analyzed");
        g.writeArrayFieldStart("descriptions");
        for (String lang : List.of("en", "es")) {
            g.writeStartObject();
            g.writeStringField("lang", lang);
            g.writeStringField("value", words(r, 40 + r.nextInt(80)));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("metrics");
        g.writeArrayFieldStart("cvssMetricV31");
        for (String type : List.of("Primary", "Secondary")) {
            g.writeStartObject();
            g.writeStringField("source", type.equals("Primary") ? "nvd@nist.gov" : "secure@example.org");
            g.writeStringField("type", type);
            g.writeObjectFieldStart("cvssData");
            g.writeStringField("version", "3.1");
            g.writeStringField("vectorString", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
            g.writeNumberField("baseScore", r.nextInt(100) / 10.0);
            g.writeStringField("baseSeverity", "HIGH");
            g.writeStringField("attackVector", "NETWORK");
            g.writeEndObject();
            g.writeNumberField("exploitabilityScore", 3.9);
            g.writeNumberField("impactScore", 5.9);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("weaknesses");
        g.writeStartObject();
        g.writeStringField("source", "nvd@nist.gov");
        g.writeStringField("type", "Primary");
        g.writeArrayFieldStart("description");
        g.writeStartObject();
        g.writeStringField("lang", "en");
        g.writeStringField("value", "CWE-" + (20 + r.nextInt(900)));
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("configurations");
        int configs = 1 + r.nextInt(2);
        for (int c = 0; c < configs; c++) {
            g.writeStartObject();
            int nodes = 1 + r.nextInt(3);
            if (nodes > 1) {
                g.writeStringField("operator", "AND");
            }
            g.writeArrayFieldStart("nodes");
            for (int n = 0; n < nodes; n++) {
                g.writeStartObject();
                g.writeStringField("operator", "OR");
                g.writeBooleanField("negate", false);
                g.writeArrayFieldStart("cpeMatch");
                int entries = 1 + (r.nextInt(8) == 0 ? r.nextInt(60) : r.nextInt(4));
                String vendor = "vendor" + r.nextInt(3000);
                String product = "product" + r.nextInt(5);
                for (int e = 0; e < entries; e++) {
                    g.writeStartObject();
                    g.writeBooleanField("vulnerable", n == 0);
                    g.writeStringField("criteria", "cpe:2.3:a:" + vendor + ":" + product + ":" + (r.nextBoolean() ? "*"
                            : r.nextInt(10) + "." + r.nextInt(20)) + ":*:*:*:*:*:*:*");
                    if (r.nextBoolean()) {
                        g.writeStringField("versionEndExcluding", r.nextInt(10) + "." + r.nextInt(20) + "." + r.nextInt(9));
                    }
                    g.writeStringField("matchCriteriaId", new UUID(r.nextLong(), r.nextLong()).toString().toUpperCase());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("references");
        int refs = 3 + r.nextInt(25);
        for (int i = 0; i < refs; i++) {
            g.writeStartObject();
            g.writeStringField("url", "https://www.example.org/security/advisories/" + Long.toHexString(r.nextLong())
                    + "/" + i + ".html");
            g.writeStringField("source", "secure@example.org");
            g.writeArrayFieldStart("tags");
            g.writeString("Vendor Advisory");
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static String words(Random r, int n) {
        String[] vocabulary = {"a", "remote", "attacker", "could", "exploit", "heap", "overflow", "in", "the", "parser",
            "of", "service", "allowing", "code", "execution", "via", "crafted", "packet", "when", "configured"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(vocabulary[r.nextInt(vocabulary.length)]);
        }
        return s.toString();
    }

    private static List<Long> writeBuildTable(Path file, Random r) throws IOException {
        List<Long> builds = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("timestamp", 1_700_000_000L);
            g.writeObjectFieldStart("data");
            g.writeArrayFieldStart("esxiReleases");
            long build = 5_000_000;
            for (String line : LINES) {
                for (int u = 0; u <= 3; u++) {
                    for (int p = 0; p < 5; p++) {
                        build += 100_000 + r.nextInt(200_000);
                        builds.add(build);
                        g.writeStartObject();
                        g.writeStringField("build", Long.toString(build));
                        g.writeStringField("minorRelease", line);
                        g.writeStringField("updateRelease", "ESXi " + line + (u == 0 ? " GA" : " U" + u));
                        g.writeStringField("releaseLevel", "VMware ESXi " + line + ".0" + (u == 0 ? "" : " Update " + u));
                        g.writeStringField("patchRelease", p == 0 ? "ESXi" + line.replace(".", "") + "0-update0" + u
                                : "ESXi" + line.replace(".", "") + "0-20" + (18 + u) + "0" + p + "00" + p);
                        g.writeStringField("releaseDate", (2018 + u) + "-0" + p + 1 + "-15");
                        g.writeEndObject();
                    }
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return builds;
    }

    private static List<CveRecord> records(int n, Random r) {
        List<CveRecord> out = new ArrayList<>(n);
        Map<String, Cpe> cpes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = "CVE-" + (2000 + i % 26) + "-" + (100000 + i);
            int kind = r.nextInt(10_000);
            List<CpeMatch> matches = new ArrayList<>();
            String description = "synthetic record";
            if (kind < 15) {
                String line = LINES[r.nextInt(LINES.length)];
                int entries = 5 + r.nextInt(60);
                for (int e = 0; e < entries; e++) {
                    String qualifier = e == 0 ? "-" : r.nextBoolean() ? "update0" + (1 + r.nextInt(3))
                            : line.replace(".", "") + "0-20" + (18 + r.nextInt(4)) + "0" + (1 + r.nextInt(8)) + "001";
                    matches.add(match(cpes, "cpe:2.3:o:vmware:esxi:" + line + ":" + qualifier + ":*:*:*:*:*:*", null));
                }
                if (r.nextBoolean()) {
                    description = line + " before ESXi" + line.replace(".", "") + "0-20210" + (1 + r.nextInt(8))
                            + "101-SG";
                }
            } else if (kind < 25) {
                String line = LINES[r.nextInt(LINES.length)];
                for (int e = 0; e < 10; e++) {
                    matches.add(match(cpes, "cpe:2.3:a:vmware:vcenter_server:" + line + ":update" + (1 + r.nextInt(3))
                            + (char) ('a' + r.nextInt(6)) + ":*:*:*:*:*:*", null));
                }
            } else if (kind < 50) {
                matches.add(match(cpes, "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*", (2 + r.nextInt(8)) + "." + r.nextInt(3) + ".0"));
            } else if (kind < 57) {
                matches.add(match(cpes, "cpe:2.3:a:redhat:libvirt:*:*:*:*:*:*:*:*", (5 + r.nextInt(6)) + ".0.0"));
            } else if (kind < 82) {
                matches.add(match(cpes, "cpe:2.3:o:xen:xen:*:*:*:*:*:*:*:*", "4." + r.nextInt(19) + ".0"));
            } else {
                int entries = 1 + r.nextInt(4);
                String criteria = "cpe:2.3:a:vendor" + r.nextInt(20_000) + ":product" + r.nextInt(5) + ":*:*:*:*:*:*:*:*";
                for (int e = 0; e < entries; e++) {
                    matches.add(match(cpes, criteria, r.nextInt(10) + "." + r.nextInt(20)));
                }
            }
            boolean unanalysed = r.nextInt(50) == 0;
            if (unanalysed && r.nextInt(20) == 0) {
                description = "a flaw in libvirt allows a denial of service";
            }
            List<Configuration> configurations = unanalysed ? List.of() : List.of(new Configuration(
                    ConfigNode.Operator.OR, false, List.of(new ConfigNode(ConfigNode.Operator.OR, false, matches))));
            out.add(new CveRecord(id, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), "Analyzed", description,
                    new CvssScore("3.1", r.nextInt(100) / 10.0, "HIGH", null, "nvd@nist.gov"), List.of(), List.of(),
                    configurations, null, null, "synthetic"));
        }
        return out;
    }

    private static CpeMatch match(Map<String, Cpe> cpes, String criteria, String endExcluding) {
        return new CpeMatch(cpes.computeIfAbsent(criteria, Cpe::parse), true, null, null, null, endExcluding);
    }

    private static List<Host> hosts(int n, List<Long> builds, Random r) {
        List<Host> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = "host" + i;
            if (i % 10 < 6) {
                String line = LINES[r.nextInt(LINES.length)];
                String build = r.nextInt(20) == 0 ? "99999999" : Long.toString(builds.get(r.nextInt(builds.size())));
                out.add(new Host("vsphere:vc:" + name, "vc", name, Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi",
                        line + ".0", build, Map.of("esxi", line + ".0", "esxi.build", build, "vcenter", line + ".0",
                        "vcenter.build", "5973321"), List.of(), null, null, null, null, Map.of()));
            } else {
                String qemu = (5 + r.nextInt(5)) + "." + r.nextInt(3) + ".0";
                out.add(new Host("libvirt:" + name, name, name, Platform.LIBVIRT, HypervisorKind.KVM, "QEMU", qemu, qemu,
                        Map.of("qemu", qemu, "libvirt", (8 + r.nextInt(3)) + ".0.0"), List.of(), null, null, null, null,
                        Map.of()));
            }
        }
        return out;
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
