package org.virtguard.cli.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.CliRun;
import org.virtguard.connector.tck.TestEnvironment;

class ExposureUpdateCommandTest {

    @TempDir
    Path temp;

    @Test
    void updateLoadsTheDirectoryAndTheReportWarnsAboutStaleData() throws Exception {
        String data = temp.resolve("data").toString();
        Path feeds = Files.createDirectories(temp.resolve("feeds"));
        Files.copy(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"),
                feeds.resolve("known_exploited_vulnerabilities.json"));
        Files.copy(TestEnvironment.requireCorpus("vulns/nvd/CVE-2021-21972.json"), feeds.resolve("CVE-2021-21972.json"));
        Files.writeString(feeds.resolve("epss.csv"), "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\n"
                + "cve,epss,percentile\nCVE-2021-21972,0.94,0.999\n");

        String[] update = CliRun.runExpecting(0, "--data-dir", data, "exposure", "update", "--from", feeds.toString());

        assertThat(update[0]).contains("known_exploited_vulnerabilities.json", "loaded", "kev", "epss",
                "nvd:cve-2021-21972", "2025-08-25");
        String[] report = CliRun.runExpecting(0, "--data-dir", data, "exposure", "--all");
        assertThat(report[1]).contains("warning: vulnerability data kev from known_exploited_vulnerabilities.json",
                "older than 7 days", "exposure update --from DIR").doesNotContain("no --kev catalogue given");
    }

    @Test
    void aBadFileIsRejectedNamingItAndTheGoodOnesStillLoad() throws Exception {
        String data = temp.resolve("data").toString();
        Path feeds = Files.createDirectories(temp.resolve("feeds"));
        Files.writeString(feeds.resolve("epss.csv"), "cve,epss,percentile\nCVE-2021-21972,0.94,0.999\n");
        Files.writeString(feeds.resolve("nvdcve-2.0-2021.json"), "{\"vulnerabilities\": [{\"cve\": {\"id\": \"CVE-2021-1");

        CliRun run = CliRun.run("--data-dir", data, "exposure", "update", "--from", feeds.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("nvdcve-2.0-2021.json", "rejected", "epss.csv", "loaded");
        assertThat(run.err()).contains("1 file(s) rejected");
        assertThat(CliRun.runExpecting(1, "--data-dir", data, "exposure", "update", "--from",
                Files.createDirectories(temp.resolve("empty")).toString())[1]).contains("no vulnerability data file");
        assertThat(CliRun.runExpecting(2, "--data-dir", data, "exposure", "update", "--from",
                temp.resolve("missing").toString())[1]).contains("not a directory");
    }
}
