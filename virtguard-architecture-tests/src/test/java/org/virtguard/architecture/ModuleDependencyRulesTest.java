package org.virtguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-way module dependencies: model/SPI at the bottom, connectors and store beside each other on
 * top of it, and only the CLI (later also the server) wiring them together.
 */
class ModuleDependencyRulesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // test jars (the flows benchmark harness the bench module reuses) are tests too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.virtguard");
    }

    @Test
    void allModulesAreImported() {
        assertThat(production.containPackage("org.virtguard.model")).isTrue();
        assertThat(production.containPackage("org.virtguard.spi")).isTrue();
        assertThat(production.containPackage("org.virtguard.xml")).isTrue();
        assertThat(production.containPackage("org.virtguard.store")).isTrue();
        assertThat(production.containPackage("org.virtguard.connector.libvirt")).isTrue();
        assertThat(production.containPackage("org.virtguard.cli")).isTrue();
        assertThat(production.containPackage("org.virtguard.service")).isTrue();
        assertThat(production.containPackage("org.virtguard.response")).isTrue();
        assertThat(production.containPackage("org.virtguard.lifecycle")).isTrue();
        assertThat(production.containPackage("org.virtguard.export")).isTrue();
    }

    @Test
    void modelAndSpiDependOnTheJdkOnly() {
        ArchRule rule = classes().that().resideInAnyPackage("org.virtguard.model..", "org.virtguard.spi..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.virtguard.model..", "org.virtguard.spi..");
        rule.check(production);
    }

    @Test
    void hardenedXmlDependsOnTheJdkOnly() {
        ArchRule rule = classes().that().resideInAPackage("org.virtguard.xml..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.xml..", "org.w3c..", "org.xml..", "org.virtguard.xml..");
        rule.check(production);
    }

    @Test
    void connectorsCompileAgainstTheSpiOnly() {
        ArchRule rule = noClasses().that().resideInAPackage("org.virtguard.connector..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.virtguard.store..", "org.virtguard.cli..", "org.virtguard.bench..",
                        "org.virtguard.policy..", "org.virtguard.flows..", "org.virtguard.logs..");
        rule.check(production);
    }

    @Test
    void connectorsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("org.virtguard.connector.libvirt..")
                .should().dependOnClassesThat().resideInAPackage("org.virtguard.connector.vsphere..")
                .allowEmptyShould(true).check(production);
        noClasses().that().resideInAPackage("org.virtguard.connector.vsphere..")
                .should().dependOnClassesThat().resideInAPackage("org.virtguard.connector.libvirt..")
                .allowEmptyShould(true).check(production);
    }

    @Test
    void analysisModulesKnowNoConnectorStoreOrFrontEnd() {
        ArchRule rule = noClasses().that()
                .resideInAnyPackage("org.virtguard.policy..", "org.virtguard.flows..", "org.virtguard.logs..",
                        "org.virtguard.exposure..", "org.virtguard.lifecycle..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.virtguard.connector..", "org.virtguard.store..", "org.virtguard.cli..")
                .allowEmptyShould(true);
        rule.check(production);
    }

    @Test
    void analysisModulesMeetOnlyThroughTheModel() {
        noClasses().that().resideInAPackage("org.virtguard.flows..").should().dependOnClassesThat()
                .resideInAnyPackage("org.virtguard.policy..", "org.virtguard.logs..").allowEmptyShould(true)
                .check(production);
        noClasses().that().resideInAPackage("org.virtguard.logs..").should().dependOnClassesThat()
                .resideInAnyPackage("org.virtguard.policy..", "org.virtguard.flows..").allowEmptyShould(true)
                .check(production);
        noClasses().that().resideInAPackage("org.virtguard.policy..").should().dependOnClassesThat()
                .resideInAnyPackage("org.virtguard.flows..", "org.virtguard.logs..").allowEmptyShould(true)
                .check(production);
    }

    @Test
    void responseActsThroughTheSpiAndKnowsNoFrontEnd() {
        noClasses().that().resideInAPackage("org.virtguard.response..").should().dependOnClassesThat()
                .resideInAnyPackage("org.virtguard.connector..", "org.virtguard.cli..", "org.virtguard.server..",
                        "org.virtguard.policy..", "org.virtguard.flows..", "org.virtguard.logs..")
                .check(production);
    }

    @Test
    void storeKnowsNoConnectorAndNoFrontEnd() {
        ArchRule rule = noClasses().that().resideInAPackage("org.virtguard.store..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.virtguard.connector..", "org.virtguard.cli..", "org.virtguard.xml..");
        rule.check(production);
    }

    /** The inventory export reads the store and the model only, so the CLI and the console share it. */
    @Test
    void theExportKnowsNoConnectorAndNoFrontEnd() {
        noClasses().that().resideInAPackage("org.virtguard.export..")
                .should().dependOnClassesThat().resideInAnyPackage("org.virtguard.connector..", "org.virtguard.cli..",
                        "org.virtguard.server..", "org.virtguard.service..", "picocli..", "io.javalin..")
                .check(production);
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.virtguard.cli..", "org.virtguard.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.virtguard.cli..");
        rule.check(production);
    }

    @Test
    void onlyTheCommandLineDependsOnTheService() {
        noClasses().that().resideOutsideOfPackages("org.virtguard.service..", "org.virtguard.cli..",
                        "org.virtguard.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.virtguard.service..")
                .check(production);
    }

    @Test
    void theServiceKnowsNoCommandLineParser() {
        noClasses().that().resideInAPackage("org.virtguard.service..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.virtguard.cli..")
                .check(production);
    }

    /**
     * The service is the one place where intake, detectors and the store meet: outside it nothing stores what
     * detectors raise or flows produce, and nothing that runs a flow or syslog listener touches the store.
     */
    @Test
    void onlyTheServiceStoresDetectionsAndRunsIntakeWithTheStore() {
        noClasses().that().resideOutsideOfPackages("org.virtguard.service..", "org.virtguard.store..",
                        "org.virtguard.bench..")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "the call stores an alert or flow edges", call -> {
                            String owner = call.getTargetOwner().getName();
                            String method = call.getName();
                            return owner.equals("org.virtguard.store.alerts.AlertRepository") && method.equals("record")
                                    || owner.equals("org.virtguard.store.flows.FlowEdgeRepository")
                                    && method.equals("add");
                        }))
                .check(production);
        com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> runsIntake =
                com.tngtech.archunit.base.DescribedPredicate.describe("run a flow or syslog listener", c ->
                        c.getDirectDependenciesFromSelf().stream().anyMatch(d -> d.getTargetClass().getName()
                                .equals("org.virtguard.flows.transport.UdpFlowCollector")
                                || d.getTargetClass().getName().equals("org.virtguard.logs.intake.SyslogServer")));
        noClasses().that().resideOutsideOfPackages("org.virtguard.service..", "org.virtguard.bench..")
                .and(runsIntake)
                .should().dependOnClassesThat().resideInAPackage("org.virtguard.store..")
                .check(production);
    }

    @Test
    void connectorsAreReachedThroughTheSpiFromTheService() {
        noClasses().that().resideInAPackage("org.virtguard.service..")
                .should().dependOnClassesThat().resideInAPackage("org.virtguard.connector..")
                .check(production);
    }

    @Test
    void connectorsAreReachedThroughTheSpiFromTheWiring() {
        ArchRule rule = noClasses().that().resideInAPackage("org.virtguard.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.virtguard.connector..");
        rule.check(production);
    }
}
