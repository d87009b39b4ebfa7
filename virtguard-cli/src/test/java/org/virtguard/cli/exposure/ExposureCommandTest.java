package org.virtguard.cli.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.CliRun;
import org.virtguard.cli.LabCopy;
import org.virtguard.cli.output.Json;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;

class ExposureCommandTest {

    @TempDir
    Path temp;

    @Test
    void reportsGuestLifecycleForTheSyncedLabAndNamesBadAdvisoryFiles() throws Exception {
        LabCopy.requireLibvirt();
        Path kev = TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json");
        String data = temp.resolve("data").toString();
        CliRun.runExpecting(0, "--data-dir", data, "inventory", "sync", "--source", TestEnvironment.labTestUri("host-a"));

        String json = CliRun.runExpecting(0, "--data-dir", data, "exposure", "--kev", kev.toString(), "--all", "--format", "json")[0];
        List<Finding> findings = Json.mapper().readValue(json, new TypeReference<>() { });
        assertThat(findings).filteredOn(f -> f.resource().name().equals("web01")).extracting(Finding::status)
                .containsExactly(CheckStatus.PASS);
        assertThat(findings).filteredOn(f -> f.checkId().startsWith("exposure.hypervisor.")).isEmpty();

        Path bad = temp.resolve("bad-advisories.yaml");
        Files.writeString(bad, "advisories:\n  - {id: X, product: esxi}\n");
        String err = CliRun.runExpecting(2, "--data-dir", data, "exposure", "--advisories", bad.toString())[1];
        assertThat(err).contains("bad-advisories.yaml").contains("(X).cves");
    }
}
