package org.virtguard.cli.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.LabCopy;
import org.virtguard.cli.VirtGuardCommand;
import org.virtguard.cli.output.Json;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import picocli.CommandLine;

class ExposureCommandTest {

    @TempDir
    Path temp;

    private String[] run(int expectedExit, String... args) {
        CommandLine cli = VirtGuardCommand.commandLine(Map.of(), Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as("exit of %s%n%s%n%s", List.of(args), out, err).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void reportsGuestLifecycleForTheSyncedLabAndNamesBadAdvisoryFiles() throws Exception {
        LabCopy.requireLibvirt();
        Path kev = TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json");
        String data = temp.resolve("data").toString();
        run(0, "--data-dir", data, "inventory", "sync", "--source", TestEnvironment.labTestUri("host-a"));

        String json = run(0, "--data-dir", data, "exposure", "--kev", kev.toString(), "--all", "--format", "json")[0];
        List<Finding> findings = Json.mapper().readValue(json, new TypeReference<>() { });
        assertThat(findings).filteredOn(f -> f.resource().name().equals("web01")).extracting(Finding::status)
                .containsExactly(CheckStatus.PASS);
        assertThat(findings).filteredOn(f -> f.checkId().startsWith("exposure.hypervisor.")).isEmpty();

        Path bad = temp.resolve("bad-advisories.yaml");
        Files.writeString(bad, "advisories:\n  - {id: X, product: esxi}\n");
        String err = run(2, "--data-dir", data, "exposure", "--advisories", bad.toString())[1];
        assertThat(err).contains("bad-advisories.yaml").contains("(X).cves");
    }
}
