package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.LibreOfficeCsv;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.export.InventoryExport;

/**
 * {@code virtguard inventory export} of real labs, read back by a real spreadsheet (LibreOffice headless converting
 * every worksheet back to CSV): the vcsim lab (vSphere), the libvirt test-driver lab (KVM) and the demo.
 */
class InventoryExportCliTest {

    @TempDir
    Path temp;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void vcsimLabExportOpensInLibreOfficeWithOneRowPerVmHostNicAndPortGroup() throws Exception {
        LibreOfficeCsv office = LibreOfficeCsv.require();
        try (VcsimServer vcsim = VcsimServer.start(List.of())) {
            Map<String, String> env = Map.of("VC_PASSWORD", vcsim.password());
            String uri = "vsphere://" + VcsimServer.USER + "@127.0.0.1:" + vcsim.port() + "?thumbprint="
                    + vcsim.sha256Thumbprint().replace(":", "");
            CliRun sync = cli(env, "inventory", "sync", "--source", uri, "--source-password-env", "VC_PASSWORD");
            assertThat(sync.exitCode()).as(sync.toString()).isZero();

            Map<String, List<List<String>>> sheets = exportAndRead(office, env);
            // vcsim's default inventory: a cluster of 3 hosts and a standalone host, 2 VMs on each resource pool
            assertThat(sheets.get("vInfo")).hasSize(1 + 4);
            assertThat(sheets.get("vHost")).hasSize(1 + 4);
            assertThat(column(sheets, "vInfo", "VM")).contains("DC0_C0_RP0_VM0", "DC0_H0_VM1");
            assertThat(column(sheets, "vInfo", "Platform")).containsOnly("VSPHERE");
            assertThat(column(sheets, "vInfo", "Tools / agent")).allSatisfy(t -> assertThat(t).isNotBlank());
            assertThat(column(sheets, "vHost", "Security driver")).containsOnly("n/a (ESXi)");
            assertThat(sheets.get("vNetwork")).hasSize(1 + list(env, "nics").size());
            assertThat(sheets.get("vSwitch")).hasSize(1 + list(env, "networks").size());
            List<String> vmNetwork = row(sheets, "vSwitch", "Network / port group", "VM Network");
            assertThat(cell(sheets, "vSwitch", vmNetwork, "Promiscuous mode")).isEqualTo("reject");
            assertThat(cell(sheets, "vSwitch", vmNetwork, "Forged transmits")).isEqualTo("accept");
            assertThat(cell(sheets, "vSwitch", vmNetwork, "MAC changes")).isEqualTo("accept");
            List<String> vm0 = row(sheets, "vInfo", "VM", "DC0_C0_RP0_VM0");
            JsonNode stored = list(env, "vms").stream().filter(v -> v.path("vm").path("name").asText()
                    .equals("DC0_C0_RP0_VM0")).findFirst().orElseThrow().path("vm");
            assertThat(cell(sheets, "vInfo", vm0, "CPUs")).isEqualTo(stored.path("vcpus").asText());
            assertThat(cell(sheets, "vInfo", vm0, "Memory MiB"))
                    .isEqualTo(String.valueOf(stored.path("memoryBytes").asLong() / (1024 * 1024)));
            assertThat(cell(sheets, "vInfo", vm0, "Last seen")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(column(sheets, "vNetwork", "MAC")).allSatisfy(m -> assertThat(m).matches("[0-9a-f:]{17}"));
            assertCsvMatchesWorkbook(env, sheets);
        }
    }

    @Test
    void kvmTestDriverLabExportHasEveryDomainHostAndZone() throws Exception {
        LibreOfficeCsv office = LibreOfficeCsv.require();
        LabCopy.requireLibvirt();
        Path lab = TestEnvironment.requireLab();
        List<String> args = new ArrayList<>(List.of("inventory", "sync"));
        int domains = 0;
        for (String host : List.of("host-a", "host-b", "host-c")) {
            args.addAll(List.of("--source", TestEnvironment.labTestUri(host)));
            domains += count(Files.readString(lab.resolve(host + ".xml")), "<domain ");
        }
        CliRun sync = cli(Map.of(), args.toArray(String[]::new));
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        Path zones = lab.getParent().resolve("policy").resolve("zones.yaml");

        Map<String, List<List<String>>> sheets = exportAndRead(office, Map.of(), "--zones", zones.toString());
        assertThat(domains).isPositive();
        assertThat(sheets.get("vInfo")).hasSize(1 + domains);
        assertThat(sheets.get("vHost")).hasSize(1 + 3);
        assertThat(column(sheets, "vHost", "Platform")).containsOnly("LIBVIRT");
        assertThat(column(sheets, "vHost", "Security driver")).allSatisfy(d -> assertThat(d).isNotBlank());
        assertThat(sheets.get("vNetwork")).hasSize(1 + list(Map.of(), "nics").size());
        assertThat(sheets.get("vSwitch")).hasSize(1 + list(Map.of(), "networks").size());
        assertThat(column(sheets, "vInfo", "VM")).contains("web01", "pci-pay01");
        assertThat(column(sheets, "vNetwork", "Zone")).as("the lab's zone policy places vNICs")
                .contains("dmz", "internal");
        assertThat(column(sheets, "vZone", "Zone")).contains("dmz", "internal");
        assertThat(column(sheets, "vInfo", "Tools / agent"))
                .allSatisfy(a -> assertThat(a).isIn("guest agent channel", "no guest agent channel"));
        assertCsvMatchesWorkbook(Map.of(), sheets);
    }

    @Test
    void demoLabExportListsFindingsPerVm() throws Exception {
        LibreOfficeCsv office = LibreOfficeCsv.require();
        LabCopy.requireLibvirt();
        System.setProperty("virtguard.home", TestEnvironment.repoRoot().toString());
        Path data = temp.resolve("demo-data");
        CliRun demo = CliRun.run(Map.of(), "--data-dir", data.toString(), "demo", "--once", "--port", "0");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        Path config = data.resolve("demo").resolve("virtguard.yaml");
        assertThat(config).exists();
        Path xlsx = temp.resolve("demo.xlsx");
        CliRun export = CliRun.run(Map.of(), "--config", config.toString(), "inventory", "export",
                "--format", "xlsx", "--output", xlsx.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();
        Map<String, List<List<String>>> sheets = office.sheets(xlsx, Files.createDirectories(temp.resolve("lo-demo")));

        assertThat(sheets.keySet()).containsExactlyElementsOf(InventoryExport.TABS);
        CliRun vms = CliRun.run(Map.of(), "--config", config.toString(), "inventory", "list", "vms", "--format", "json");
        assertThat(sheets.get("vInfo")).hasSize(1 + JSON.readTree(vms.out()).size());
        assertThat(sheets.get("vHost")).hasSize(1 + 3);
        List<List<String>> findings = sheets.get("vFinding");
        assertThat(findings).hasSizeGreaterThan(1);
        assertThat(findings).as("day two moved web01's vNIC into the DMZ, which its classification forbids")
                .anySatisfy(r -> assertThat(r).startsWith("web01").contains("FAIL", "zone-nic-not-allowed"));
        assertThat(findings.subList(1, findings.size())).allSatisfy(r -> {
            assertThat(String.join(",", r)).doesNotContain("ResourceRef[", "Exception", "<input>:");
        });
        List<String> web01 = row(sheets, "vInfo", "VM", "web01");
        assertThat(Long.parseLong(cell(sheets, "vInfo", web01, "Failing findings"))).isPositive();
        assertThat(column(sheets, "vZone", "Zone")).contains("dmz", "internal");
    }

    @Test
    void anUnknownFormatIsAUsageErrorNamingTheFormats() {
        CliRun run = cli(Map.of(), "inventory", "export", "--format", "pdf", "--output", temp.resolve("x").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'pdf'", "xlsx or csv");
        assertThat(temp.resolve("x")).doesNotExist();
    }

    /** Exports xlsx and CSV; returns the workbook's sheets as LibreOffice reads them. */
    private Map<String, List<List<String>>> exportAndRead(LibreOfficeCsv office, Map<String, String> env,
                                                          String... extra) throws Exception {
        Path xlsx = temp.resolve("inventory.xlsx");
        List<String> args = new ArrayList<>(List.of("inventory", "export", "--format", "xlsx", "--output",
                xlsx.toString()));
        args.addAll(List.of(extra));
        CliRun run = cli(env, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("vInfo", "vFinding");
        List<String> csvArgs = new ArrayList<>(List.of("inventory", "export", "--format", "csv", "--output",
                temp.resolve("csv").toString()));
        csvArgs.addAll(List.of(extra));
        CliRun csv = cli(env, csvArgs.toArray(String[]::new));
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        Map<String, List<List<String>>> sheets = office.sheets(xlsx, Files.createDirectories(temp.resolve("lo")));
        assertThat(sheets.keySet()).containsExactlyElementsOf(InventoryExport.TABS);
        return sheets;
    }

    /** Every CSV file holds exactly what LibreOffice reads from the same tab of the workbook. */
    private void assertCsvMatchesWorkbook(Map<String, String> env, Map<String, List<List<String>>> sheets)
            throws Exception {
        for (String tab : InventoryExport.TABS) {
            if (tab.equals("vMetaData")) {
                continue; // exported at a different second
            }
            List<List<String>> csv = LibreOfficeCsv.parse(Files.readString(temp.resolve("csv").resolve(tab + ".csv"),
                    StandardCharsets.UTF_8));
            assertThat(csv).as(tab).isEqualTo(sheets.get(tab));
        }
    }

    private CliRun cli(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", temp.resolve("data").toString()));
        all.addAll(List.of(args));
        return CliRun.run(env, all.toArray(String[]::new));
    }

    private List<JsonNode> list(Map<String, String> env, String kind) throws Exception {
        CliRun run = cli(env, "inventory", "list", kind, "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(run.out()).forEach(items::add);
        return items;
    }

    private static List<String> column(Map<String, List<List<String>>> sheets, String tab, String header) {
        List<List<String>> rows = sheets.get(tab);
        int i = rows.getFirst().indexOf(header);
        assertThat(i).as(tab + " has column " + header + ": " + rows.getFirst()).isNotNegative();
        return rows.subList(1, rows.size()).stream().map(r -> i < r.size() ? r.get(i) : "").toList();
    }

    private static List<String> row(Map<String, List<List<String>>> sheets, String tab, String header, String value) {
        List<List<String>> rows = sheets.get(tab);
        int i = rows.getFirst().indexOf(header);
        Optional<List<String>> found = rows.stream().skip(1).filter(r -> value.equals(r.get(i))).findFirst();
        assertThat(found).as(tab + " row with " + header + " = " + value).isPresent();
        return found.get();
    }

    private static String cell(Map<String, List<List<String>>> sheets, String tab, List<String> row, String header) {
        int i = sheets.get(tab).getFirst().indexOf(header);
        assertThat(i).as(tab + " has column " + header).isNotNegative();
        return i < row.size() ? row.get(i) : "";
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
