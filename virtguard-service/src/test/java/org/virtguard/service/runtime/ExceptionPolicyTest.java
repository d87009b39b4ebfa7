package org.virtguard.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.service.ServiceException;
import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.server.views.ExceptionGrant;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/**
 * Issue 14 low 10: an exception granted in the console or the API stays within the configured policy: at most
 * {@code policy.exceptions.maxDays} long (default 365), a justification of at least
 * {@code policy.exceptions.minJustification} characters (default 20), and one known resource, never {@code *}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExceptionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String CHECK = "vm-no-owner";
    private static final String WHY = "owner is being assigned in ticket CHG-4711";

    @TempDir
    static Path dir;

    private Store store;
    private PolicyEngineView engine;

    @BeforeAll
    void open() {
        store = Store.open(StoreConfig.embedded(dir.resolve("data")));
        Host host = new Host("lab:h1", "lab", "h1", Platform.LIBVIRT, HypervisorKind.TEST, null, null, null, null,
                null, null, null, null, null, Map.of());
        VirtualMachine vm = VirtualMachine.builder("lab:db01", "db01").hostId("lab:h1")
                .powerState(PowerState.RUNNING).build();
        store.inventory().applySync(List.of(new InventorySnapshot("lab", NOW, null, null, List.of(host), List.of(vm),
                null, null, null)), List.of(), NOW);
        engine = ServiceWiring.policyEngine(store, Clock.fixed(NOW, ZoneOffset.UTC), List.of(), null, m -> { });
    }

    @AfterEach
    void defaultLimits() {
        engine.withExceptionLimits(365, 20);
    }

    @AfterAll
    void close() {
        engine.close();
        store.close();
    }

    @Test
    void theReportedGrantUntil9999WithAOneCharacterJustificationOnEveryResourceIsRefused() {
        Instant forever = Instant.parse("9999-12-31T00:00:00Z");

        assertThatThrownBy(() -> engine.grantException(CHECK, "*", "x", forever, "operator"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'resourceId'")
                .hasMessageContaining("no wildcards");
        assertThatThrownBy(() -> engine.grantException(CHECK, "lab:db01", "x", forever, "operator"))
                .hasMessageContaining("field 'justification' must hold at least 20 characters");
        assertThatThrownBy(() -> engine.grantException(CHECK, "lab:db01", WHY, forever, "operator"))
                .hasMessageContaining("field 'expiresAt'").hasMessageContaining("at most 365 days");
        assertThatThrownBy(() -> engine.grantException(CHECK, "lab:*", WHY, NOW.plus(Duration.ofDays(30)), "op"))
                .hasMessageContaining("field 'resourceId'");
        assertThatThrownBy(() -> engine.grantException(CHECK, "lab:nothing", WHY, NOW.plus(Duration.ofDays(30)),
                "op")).hasMessageContaining("field 'resourceId' must name one known resource");
        assertThat(engine.exceptions()).noneMatch(e -> e.resourceId().contains("*") || e.justification().equals("x")
                || e.resourceId().equals("lab:nothing"));
    }

    @Test
    void aGrantWithinThePolicyOnAKnownVmOrHostIsAccepted() {
        ExceptionGrant vm = engine.grantException(CHECK, "lab:db01", WHY, NOW.plus(Duration.ofDays(365)), "operator");
        ExceptionGrant host = engine.grantException(CHECK, "lab:h1", WHY, NOW.plus(Duration.ofDays(10)), "operator");

        assertThat(vm.resourceId()).isEqualTo("lab:db01");
        assertThat(host.resourceId()).isEqualTo("lab:h1");
        assertThat(engine.exceptions()).extracting(ExceptionGrant::resourceId).contains("lab:db01", "lab:h1");
    }

    @Test
    void theLimitsComeFromTheConfiguration() throws Exception {
        Path file = Files.writeString(dir.resolve("virtguard.yaml"),
                "policy:\n  exceptions:\n    maxDays: 30\n    minJustification: 5\n");
        VirtGuardConfig config = new ConfigLoader().load(file);
        engine.withExceptionLimits(config.policy().exceptions().maxDays(),
                config.policy().exceptions().minJustification());

        assertThatThrownBy(() -> engine.grantException(CHECK, "lab:db01", WHY, NOW.plus(Duration.ofDays(31)), "op"))
                .hasMessageContaining("at most 30 days");
        assertThat(engine.grantException(CHECK, "lab:db01", "short", NOW.plus(Duration.ofDays(30)), "op"))
                .isNotNull();

        Path defaults = Files.writeString(dir.resolve("defaults.yaml"), "policy: {}\n");
        assertThat(new ConfigLoader().load(defaults).policy().exceptions().maxDays()).isEqualTo(365);
        assertThat(new ConfigLoader().load(defaults).policy().exceptions().minJustification()).isEqualTo(20);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "policy:\n  exceptions:\n    maxDays: 0\n");
        assertThatThrownBy(() -> new ConfigLoader().load(bad)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("policy.exceptions.maxDays");
    }
}
