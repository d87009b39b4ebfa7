package org.virtguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.virtguard.policy.cases.CaseRunner;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;

/** Runs every built-in check's cases file: one dynamic test per check. */
class CheckCasesTest {

    @TestFactory
    Stream<DynamicTest> everyCheckMeetsItsCases() throws Exception {
        CheckCatalog catalog = CheckCatalog.builtIn();
        List<DynamicTest> tests = new ArrayList<>();
        for (CompiledCheck check : catalog.checks()) {
            tests.add(DynamicTest.dynamicTest(check.id(), () -> {
                String text = CaseRunner.casesText(check);
                assertThat(text).as("cases file of " + check.id()).isNotNull();
                List<CaseRunner.CaseResult> results = CaseRunner.run(check, text);
                assertThat(results).allSatisfy(r ->
                        assertThat(r.passed()).as(r.checkId() + " / " + r.caseName() + ": " + r.problem()).isTrue());
            }));
        }
        return tests.stream();
    }
}
