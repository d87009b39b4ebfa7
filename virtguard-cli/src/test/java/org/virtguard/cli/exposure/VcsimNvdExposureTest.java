package org.virtguard.cli.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.VirtGuardCommand;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import picocli.CommandLine;

/**
 * Issue 17's acceptance run: vcsim hosts report ESXi 6.5.0 build 5969303 and vCenter 6.5.0 build 5973321 (vcsim's
 * own defaults); {@code virtguard exposure} with the NVD records, build tables and KEV catalogue under
 * ../shared/corpora names the five CVEs. With builds after the fixes (set through the harness's
 * {@code -esxi-build}/{@code -vcenter-build} flags, and a newer build table written here) they PASS; with those builds
 * but only the corpus tables, which end in 2020, they are NOT_COLLECTED with the reason.
 */
class VcsimNvdExposureTest {

    private static final List<String> CVES = List.of("CVE-2019-5544", "CVE-2020-3992", "CVE-2021-21974",
            "CVE-2021-21972", "CVE-2021-21985");

    @TempDir
    Path temp;

    private String[] run(Map<String, String> env, int expectedExit, String... args) {
        CommandLine cli = VirtGuardCommand.commandLine(env, Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as("exit of %s%n%s%n%s", List.of(args), out, err).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    /** CVE -> status, for the findings of host DC0_H0. */
    private Map<String, JsonNode> exposure(List<String> vcsimFlags, List<Path> tables, String name) throws Exception {
        Path nvd = TestEnvironment.requireCorpus("vulns/nvd");
        Path kev = TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json");
        List<String> flags = new ArrayList<>(List.of("-hosts", "1", "-cluster-hosts", "1"));
        flags.addAll(vcsimFlags);
        try (VcsimServer lab = VcsimServer.start(flags)) {
            String data = temp.resolve(name).toString();
            Map<String, String> env = Map.of("VC_PASSWORD", lab.password());
            run(env, 0, "--data-dir", data, "inventory", "sync", "--source", "vsphere://" + VcsimServer.USER
                    + "@127.0.0.1:" + lab.port() + "?thumbprint=" + lab.sha256Thumbprint().replace(":", ""),
                    "--source-password-env", "VC_PASSWORD");
            List<String> args = new ArrayList<>(List.of("--data-dir", data, "exposure", "--kev", kev.toString(),
                    "--nvd", nvd.toString(), "--all", "--format", "json"));
            for (Path t : tables) {
                args.add("--builds");
                args.add(t.toString());
            }
            String[] result = run(Map.of(), 0, args.toArray(String[]::new));
            assertThat(result[1]).contains("18 NVD records read, 0 skipped");
            Map<String, JsonNode> byCve = new TreeMap<>();
            for (JsonNode f : new ObjectMapper().readTree(result[0])) {
                if (f.path("resource").path("name").asText().equals("DC0_H0") && f.path("evidence").has("cve")) {
                    byCve.put(f.path("evidence").path("cve").asText(), f);
                }
            }
            return byCve;
        }
    }

    private static List<Path> corpusTables() {
        Path builds = TestEnvironment.requireCorpus("vmware/builds");
        List<Path> tables = List.of(builds.resolve("rpttest1-virten/esxiReleases.json"),
                builds.resolve("rpttest1-virten/vcenterReleases.json"),
                builds.resolve("gcoxmoz-vmware_puppetfact/esxi_build_numbers.json"));
        tables.forEach(t -> TestEnvironment.require(Files.isRegularFile(t), "the build table " + t));
        return tables;
    }

    @Test
    void vcsimsEsxi65AndVcenter65AreAffectedAndNewerBuildsPass() throws Exception {
        Map<String, JsonNode> old = exposure(List.of(), corpusTables(), "old");
        for (String cve : CVES) {
            assertThat(old).as("findings " + old.keySet()).containsKey(cve);
            assertThat(old.get(cve).path("status").asText()).as(cve + ": " + old.get(cve).path("message").asText())
                    .isEqualTo("FAIL");
            assertThat(old.get(cve).path("evidence").path("source").asText()).endsWith(cve + ".json");
        }
        assertThat(old.get("CVE-2020-3992").path("evidence").path("knownExploited").asText()).isEqualTo("yes");
        assertThat(old.get("CVE-2021-21985").path("evidence").path("knownExploited").asText()).isEqualTo("yes");
        assertThat(old.get("CVE-2021-21974").path("message").asText()).contains("build 5969303");
        assertThat(old.get("CVE-2021-21972").path("message").asText()).contains("build 5973321");

        List<Path> newer = new ArrayList<>(corpusTables());
        newer.addAll(org.virtguard.connector.tck.NewerBuildTables.write(temp));
        Map<String, JsonNode> fixed = exposure(List.of("-esxi-build", "17477841", "-vcenter-build", "17994927"), newer,
                "fixed");
        for (String cve : CVES) {
            assertThat(fixed.get(cve).path("status").asText()).as(cve + ": " + fixed.get(cve).path("message").asText())
                    .isEqualTo("PASS");
        }

        Map<String, JsonNode> unknown = exposure(List.of("-esxi-build", "17477841", "-vcenter-build", "17994927"),
                corpusTables(), "unknown");
        for (String cve : CVES) {
            assertThat(unknown.get(cve).path("status").asText()).as(cve).isEqualTo("NOT_COLLECTED");
            assertThat(unknown.get(cve).path("message").asText()).contains("not in the build tables",
                    "supply a newer build table");
        }
    }

    /**
     * The same data loaded once with {@code exposure update --from DIR} (the NVD records, KEV catalogue and build tables
     * copied into one directory, as a user mirrors them) gives the same CVE findings without any file option, and the
     * bundled lifecycle data says that ESXi 6.5 and vCenter 6.5 are past their end of support.
     */
    @Test
    void dataLoadedWithExposureUpdateGivesTheCveAndEndOfSupportFindings() throws Exception {
        Path feeds = Files.createDirectories(temp.resolve("feeds"));
        try (var records = Files.list(TestEnvironment.requireCorpus("vulns/nvd"))) {
            for (Path r : records.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                Files.copy(r, feeds.resolve(r.getFileName()));
            }
        }
        Files.copy(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"),
                feeds.resolve("known_exploited_vulnerabilities.json"));
        for (Path t : corpusTables()) {
            Files.copy(t, feeds.resolve(t.getFileName()));
        }
        try (VcsimServer lab = VcsimServer.start(List.of("-hosts", "1", "-cluster-hosts", "1"))) {
            String data = temp.resolve("stored").toString();
            run(Map.of("VC_PASSWORD", lab.password()), 0, "--data-dir", data, "inventory", "sync", "--source",
                    "vsphere://" + VcsimServer.USER + "@127.0.0.1:" + lab.port() + "?thumbprint="
                            + lab.sha256Thumbprint().replace(":", ""), "--source-password-env", "VC_PASSWORD");
            String[] update = run(Map.of(), 0, "--data-dir", data, "exposure", "update", "--from", feeds.toString());
            assertThat(update[0]).contains("esxiReleases.json", "vcenterReleases.json", "CVE-2021-21974.json");

            String[] result = run(Map.of(), 0, "--data-dir", data, "exposure", "--all", "--format", "json");
            Map<String, JsonNode> byCve = new TreeMap<>();
            Map<String, JsonNode> byCheck = new TreeMap<>();
            for (JsonNode f : new ObjectMapper().readTree(result[0])) {
                byCheck.put(f.path("checkId").asText() + "@" + f.path("resource").path("name").asText(), f);
                if (f.path("resource").path("name").asText().equals("DC0_H0") && f.path("evidence").has("cve")) {
                    byCve.put(f.path("evidence").path("cve").asText(), f);
                }
            }
            for (String cve : CVES) {
                assertThat(byCve).as("findings " + byCve.keySet()).containsKey(cve);
                assertThat(byCve.get(cve).path("status").asText()).as(cve + ": " + byCve.get(cve).path("message"))
                        .isEqualTo("FAIL");
            }
            assertThat(byCve.get("CVE-2020-3992").path("evidence").path("knownExploited").asText()).isEqualTo("yes");
            assertThat(byCve.get("CVE-2021-21985").path("evidence").path("knownExploited").asText()).isEqualTo("yes");
            for (String product : List.of("esxi", "vcenter")) {
                List<JsonNode> eos = byCheck.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("exposure.end-of-support." + product + "@"))
                        .map(Map.Entry::getValue).toList();
                assertThat(eos).as(product + " end of support in " + byCheck.keySet()).isNotEmpty();
                assertThat(eos).allSatisfy(f -> {
                    assertThat(f.path("status").asText()).as(f.toString()).isEqualTo("FAIL");
                    assertThat(f.path("message").asText()).contains("6.5", "2023-11-15");
                });
            }
        }
    }
}
