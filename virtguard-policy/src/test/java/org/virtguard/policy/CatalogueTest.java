package org.virtguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.virtguard.model.CheckStatus;
import org.virtguard.policy.cases.CaseRunner;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;

/** The built-in pack is complete: every check has cases with a PASS and a FAIL, a framework mapping and remediation. */
class CatalogueTest {

    private static final Path CHECKS = Path.of("src/main/resources/checks");

    @Test
    void indexListsEveryCheckFileAndNothingElse() throws Exception {
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(CHECKS)) {
            onDisk = files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".cases.yaml"))
                    .map(p -> CHECKS.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
        assertThat(Set.copyOf(CheckCatalog.builtInFiles())).isEqualTo(onDisk);
    }

    @Test
    void packHasAtLeastSixtyChecks() throws Exception {
        assertThat(CheckCatalog.builtIn().size()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void everyCheckIsComplete() throws Exception {
        for (CompiledCheck c : CheckCatalog.builtIn().checks()) {
            CheckDefinition d = c.definition();
            assertThat(d.origin()).as("id vs file of " + d.id()).endsWith("/" + d.id() + ".yaml");
            assertThat(d.frameworks()).as("framework mapping of " + d.id()).isNotEmpty();
            assertThat(d.frameworks().values()).as("framework ids of " + d.id()).allSatisfy(v -> assertThat(v).isNotEmpty());
            assertThat(d.remediation()).as("remediation of " + d.id()).isNotEmpty();
            assertThat(d.hypervisors()).as("hypervisors of " + d.id()).isNotEmpty();
            String cases = CaseRunner.casesText(c);
            assertThat(cases).as("cases file of " + d.id()).isNotNull();
            List<CaseRunner.CaseResult> results = CaseRunner.run(c, cases);
            Set<CheckStatus> expected = results.stream().flatMap(r -> r.expected().values().stream())
                    .collect(Collectors.toSet());
            assertThat(expected).as("cases of " + d.id() + " need a PASS and a FAIL")
                    .contains(CheckStatus.PASS, CheckStatus.FAIL);
        }
    }

    @Test
    void vsphereChecksCiteStigOrCisIds() throws IOException, Exception {
        for (CompiledCheck c : CheckCatalog.builtIn().checks()) {
            CheckDefinition d = c.definition();
            if (d.hypervisors().equals(Set.of("vsphere")) && !d.id().startsWith("dvs-")) {
                assertThat(d.frameworks().keySet()).as(d.id()).anyMatch(k -> k.startsWith("disa-stig"));
            }
        }
    }
}
