package org.virtguard.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.InternalText;
import org.virtguard.policy.cases.CaseRunner;
import org.virtguard.policy.cases.FixtureReader;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;

/**
 * Meta-test over every check of the registry: evaluated on its cases and on seeded hostile variants of them (fields
 * dropped, values not collected or malformed, lists duplicated), plus a VM whose every value is missing, no
 * finding's message or evidence holds evaluator or Java internals, and every NOT_COLLECTED names what is missing
 * and how to collect it.
 */
class UserFacingTextTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final long SEED = Long.getLong("virtguard.usertext.seed", 20261207L);
    private static final int VARIANTS_PER_CASE = 4;

    private static final String EMPTY_VM = """
            hosts:
            - {name: kvm1, platform: LIBVIRT}
            - {name: esx1}
            vms:
            - name: bare
              host: kvm1
              guestOs: '!nc'
              consoles:
              - {type: VNC, listen: default, password: '!nc'}
              - {type: SPICE, listen: '0', password: '!nc'}
              nics:
              - {mac: '52:54:00:00:00:01', network: '!nc', vlan: '!nc', filter: '!nc'}
            - {name: bare2, host: esx1, settings: {'isolation.tools.copy.disable': '!nc'}}
            networks:
            - {name: pg1, host: esx1, promiscuous: '!nc', forgedTransmits: '!nc', macChanges: '!nc', vlan: '!nc'}
            """;

    @Test
    void noFindingOfAnyCheckShowsInternals() throws Exception {
        List<CompiledCheck> checks = CheckCatalog.builtIn().checks();
        List<JsonNode> cases = new ArrayList<>();
        for (CompiledCheck check : checks) {
            YAML.readTree(CaseRunner.casesText(check)).get("cases").forEach(cases::add);
        }
        RandomInventories random = new RandomInventories(SEED, cases.stream().map(c -> c.path("inventory")).toList());
        Map<CheckStatus, Integer> statuses = new EnumMap<>(CheckStatus.class);
        int inventories = 0;
        List<JsonNode> inputs = new ArrayList<>();
        inputs.add(YAML.readTree(EMPTY_VM));
        for (JsonNode c : cases) {
            inputs.add(c.path("inventory"));
            for (int v = 0; v < VARIANTS_PER_CASE; v++) {
                inputs.add(random.variant(c.path("inventory")));
            }
        }
        ZonePolicy zones = ZonePolicyLoader.parse("lab zones", new String(
                UserFacingTextTest.class.getResourceAsStream("/examples/zones.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        Clock clock = Clock.fixed(CaseRunner.DEFAULT_NOW, ZoneOffset.UTC);
        for (JsonNode input : inputs) {
            org.virtguard.policy.eval.Inventory inventory;
            try {
                inventory = FixtureReader.inventory(input);
            } catch (RuntimeException rejected) {
                continue;
            }
            inventories++;
            for (ZonePolicy policy : List.of(ZonePolicy.empty(), zones)) {
                List<Finding> findings = new Evaluator(checks, policy, List.of(), Map.of(), clock)
                        .evaluate(inventory, s -> s != CheckStatus.PASS).findings();
                for (Finding f : findings) {
                    statuses.merge(f.status(), 1, Integer::sum);
                    String where = f.checkId() + " on " + f.resource().name() + " (" + f.status() + ") of " + input;
                    assertThat(InternalText.find(f.message())).as("message of " + where + ": " + f.message()).isEmpty();
                    f.evidence().forEach((k, v) -> assertThat(InternalText.find(v))
                            .as("evidence " + k + " of " + where + ": " + v).isEmpty());
                    if (f.status() == CheckStatus.NOT_COLLECTED) {
                        assertThat(f.evidence()).as(where).containsKeys(Unavailable.MISSING, Unavailable.COLLECT);
                        assertThat(f.message()).as(where).startsWith("cannot tell: ");
                    }
                }
            }
        }
        assertThat(inventories).isGreaterThan(cases.size());
        assertThat(statuses.getOrDefault(CheckStatus.NOT_COLLECTED, 0)).as("NOT_COLLECTED results").isGreaterThan(100);
        assertThat(statuses.getOrDefault(CheckStatus.FAIL, 0)).as("FAIL results").isGreaterThan(100);
    }

    @Test
    void anEvaluationErrorIsProseAndNamesNoInternals() throws Exception {
        CompiledCheck broken = new CheckCatalog.Builder().add("broken-division.yaml", "test", """
                id: broken-division
                title: A check that divides by zero
                severity: low
                resource: vm
                hypervisors: [libvirt]
                description: test
                risk: test
                rule: vm.vcpus / 0 == 1
                """).build().checks().get(0);
        Finding f = new Evaluator(List.of(broken), ZonePolicy.empty(), List.of(), Map.of(),
                Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC))
                .evaluate(FixtureReader.inventory(YAML.readTree("vms: [{name: a}]")), s -> true).findings().get(0);
        assertThat(f.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(f.message()).startsWith("cannot tell: this check could not be evaluated");
        assertThat(InternalText.find(f.message())).isEmpty();
        f.evidence().values().forEach(v -> assertThat(InternalText.find(v)).as(v).isEmpty());
    }
}
