package org.virtguard.store.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

/**
 * A zone filter combined with every other filter returns exactly what an in-memory filter of the same findings
 * returns, in list order and at several offsets, while evaluations change statuses, severities, areas, hosts and
 * zones and resolve and reopen findings.
 */
class ZoneFilterTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final long SEED = 20261122L;
    private static final int EVALUATIONS = 6;
    private static final List<String> ZONES = List.of("dmz", "internal", "mgmt", "pci");
    private static final List<String> AREAS = List.of("zones", "layer2", "vm-hardening");
    private static final List<String> HOSTS = List.of("h-1", "h-2", "h-3", "h-4");
    private static final List<String> CHECKS = List.of("c-1", "c-2", "c-3", "c-4", "c-5", "c-6");
    private static final List<CheckStatus> STATUSES = List.of(CheckStatus.FAIL, CheckStatus.EXCEPTED,
            CheckStatus.NOT_COLLECTED, CheckStatus.ERROR);
    private static final List<String> STATES = List.of("open", "resolved", "fail", "excepted", "not_collected",
            "error");
    /** vm-1 must not take vm-10's findings; vm-3 has two vNICs. */
    private static final List<String> VMS = List.of("vm-1", "vm-3", "vm-10", "vm-2");

    /** One finding as the store should hold it after the evaluations so far. */
    private record Tracked(Finding finding, FindingPlacement place, boolean open) {
        String key() {
            return finding.checkId() + "|" + finding.resource().id();
        }
    }

    /** The changing world the evaluations see: per resource its host and zones, per check its area. */
    private static final class World {
        final Random random = new Random(SEED);
        final List<ResourceRef> resources = new ArrayList<>();
        final Map<String, String> hosts = new HashMap<>();
        final Map<String, Set<String>> zones = new HashMap<>();
        final Map<String, String> areas = new HashMap<>();
        final Map<String, Severity> severities = new HashMap<>();
        final Map<String, CheckStatus> statuses = new HashMap<>();

        World() {
            for (int i = 1; i <= 24; i++) {
                resources.add(new ResourceRef(ObjectType.VM, "vm-" + i, "vm" + i));
            }
            for (String nic : List.of("vm-1/nic-0", "vm-3/nic-0", "vm-3/nic-1", "vm-10/nic-0")) {
                resources.add(new ResourceRef(ObjectType.NIC, nic, nic));
            }
            resources.forEach(r -> {
                hosts.put(r.id(), pick(HOSTS));
                zones.put(r.id(), randomZones());
            });
            CHECKS.forEach(c -> areas.put(c, pick(AREAS)));
        }

        <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        Set<String> randomZones() {
            Set<String> set = new TreeSet<>();
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                set.add(pick(ZONES));
            }
            return set;
        }

        /** Moves hosts, zones and areas, then draws the findings of one evaluation. */
        List<Finding> evaluate() {
            resources.forEach(r -> {
                if (random.nextInt(5) == 0) {
                    hosts.put(r.id(), pick(HOSTS));
                }
                if (random.nextInt(5) == 0) {
                    zones.put(r.id(), randomZones());
                }
            });
            CHECKS.forEach(c -> {
                if (random.nextInt(10) == 0) {
                    areas.put(c, pick(AREAS));
                }
            });
            List<Finding> findings = new ArrayList<>();
            for (String check : CHECKS) {
                for (ResourceRef r : resources) {
                    String key = check + "|" + r.id();
                    if (!severities.containsKey(key) || random.nextInt(6) == 0) {
                        severities.put(key, pick(List.of(Severity.values())));
                    }
                    if (!statuses.containsKey(key) || random.nextInt(5) == 0) {
                        statuses.put(key, pick(STATUSES));
                    }
                    if (random.nextInt(100) < 65) {
                        findings.add(new Finding(check, r, statuses.get(key), severities.get(key), "title " + check,
                                r.name() + " fails " + check, Map.of(), List.of(), T0));
                    }
                }
            }
            return findings;
        }

        FindingPlacement place(Finding f) {
            return new FindingPlacement(areas.get(f.checkId()), hosts.get(f.resource().id()),
                    zones.get(f.resource().id()));
        }

        List<String> evaluatedChecks() {
            List<String> checks = new ArrayList<>(CHECKS);
            if (random.nextInt(10) < 3) {
                checks.remove(random.nextInt(checks.size()));
                checks.remove(random.nextInt(checks.size()));
            }
            return checks;
        }
    }

    /** What the store should hold, updated by the same rules as {@link FindingRepository#recordScan}. */
    private static final class Expected {
        final Map<String, Tracked> findings = new LinkedHashMap<>();
        final Map<String, Integer> changes = new HashMap<>();

        void record(List<Finding> scan, List<String> evaluated, World world) {
            Set<String> seen = new HashSet<>();
            for (Finding f : scan) {
                Tracked now = new Tracked(f, world.place(f), true);
                Tracked before = findings.put(now.key(), now);
                seen.add(now.key());
                if (before == null) {
                    continue;
                }
                count("reopened", !before.open());
                count("status changed", before.finding().status() != f.status());
                count("severity changed", before.finding().severity() != f.severity());
                count("moved host", !java.util.Objects.equals(before.place().hostId(), now.place().hostId()));
                count("area changed", !before.place().area().equals(now.place().area()));
                count("zones changed", !before.place().zones().equals(now.place().zones()));
            }
            findings.replaceAll((key, t) -> {
                boolean resolve = t.open() && !seen.contains(key) && evaluated.contains(t.finding().checkId());
                count("resolved", resolve);
                return resolve ? new Tracked(t.finding(), t.place(), false) : t;
            });
        }

        private void count(String change, boolean happened) {
            if (happened) {
                changes.merge(change, 1, Integer::sum);
            }
        }

        List<String> select(FindingQuery q) {
            return findings.values().stream()
                    .filter(t -> t.open() != q.resolved())
                    .filter(t -> q.zone() == null || t.place().zones().contains(q.zone()))
                    .filter(t -> q.minSeverity() == null || t.finding().severity().compareTo(q.minSeverity()) >= 0)
                    .filter(t -> q.checkId() == null || t.finding().checkId().equals(q.checkId()))
                    .filter(t -> q.area() == null || t.place().area().equals(q.area()))
                    .filter(t -> q.hostId() == null || q.hostId().equals(t.place().hostId()))
                    .filter(t -> q.status() == null || t.finding().status().name().equals(q.status()))
                    .filter(t -> q.vmId() == null || t.finding().resource().id().equals(q.vmId())
                            || t.finding().resource().id().startsWith(q.vmId() + "/"))
                    .sorted(Comparator.comparing((Tracked t) -> t.finding().severity()).reversed()
                            .thenComparing(t -> t.finding().checkId())
                            .thenComparing(t -> t.finding().resource().id()))
                    .map(Tracked::key)
                    .toList();
        }
    }

    @DatabaseTest
    void zoneWithEveryOtherFilterMatchesAnInMemoryFilterThroughChangingEvaluations(Store store) {
        FindingRepository repo = store.findings();
        World world = new World();
        Expected expected = new Expected();
        int nonEmpty = 0;
        for (int evaluation = 0; evaluation < EVALUATIONS; evaluation++) {
            List<Finding> scan = world.evaluate();
            List<String> evaluated = world.evaluatedChecks();
            repo.recordScan(scan, evaluated, T0.plusSeconds(60L * evaluation), world::place);
            expected.record(scan, evaluated, world);
            assertThat(staleZoneRows(store)).as("zone rows differing from their finding").isZero();
            for (FindingQuery q : queries(world.random)) {
                nonEmpty += matches(repo, expected, q, "evaluation " + evaluation) ? 1 : 0;
            }
        }
        assertThat(expected.changes).as("the evaluations exercised every kind of change")
                .containsKeys("reopened", "resolved", "status changed", "severity changed", "moved host",
                        "area changed", "zones changed")
                .allSatisfy((change, n) -> assertThat(n).as(change).isGreaterThan(3));
        assertThat(nonEmpty).as("queries with matches").isGreaterThan(EVALUATIONS * 100);
    }

    /** Zone (and a zone no finding has) with each single other filter, then random combinations of them. */
    private static List<FindingQuery> queries(Random random) {
        List<FindingQuery> queries = new ArrayList<>();
        List<String> zones = new ArrayList<>(ZONES);
        zones.add("nowhere");
        for (String zone : zones) {
            queries.add(new FindingQuery(null, null, null, zone, null, null));
            AREAS.forEach(a -> queries.add(new FindingQuery(null, null, a, zone, null, null)));
            HOSTS.forEach(h -> queries.add(new FindingQuery(null, null, null, zone, h, null)));
            STATES.forEach(s -> queries.add(new FindingQuery(null, null, null, zone, null, s)));
            VMS.forEach(vm -> queries.add(new FindingQuery(null, null, null, zone, null, null, vm)));
            CHECKS.forEach(c -> queries.add(new FindingQuery(null, c, null, zone, null, null)));
            for (Severity s : Severity.values()) {
                queries.add(new FindingQuery(s, null, null, zone, null, null));
            }
        }
        for (int i = 0; i < 40; i++) {
            queries.add(new FindingQuery(
                    random.nextBoolean() ? null : Severity.values()[random.nextInt(Severity.values().length)],
                    random.nextInt(3) == 0 ? CHECKS.get(random.nextInt(CHECKS.size())) : null,
                    random.nextBoolean() ? AREAS.get(random.nextInt(AREAS.size())) : null,
                    ZONES.get(random.nextInt(ZONES.size())),
                    random.nextBoolean() ? HOSTS.get(random.nextInt(HOSTS.size())) : null,
                    random.nextBoolean() ? STATES.get(random.nextInt(STATES.size())) : null,
                    random.nextInt(4) == 0 ? VMS.get(random.nextInt(VMS.size())) : null));
        }
        return queries;
    }

    /** Checks the whole list and pages of 3 at several offsets; whether anything matched. */
    private static boolean matches(FindingRepository repo, Expected expected, FindingQuery q, String when) {
        List<String> want = expected.select(q);
        String what = when + ", " + q;
        FindingPage all = repo.page(q, 0, 1000);
        assertThat(all.total()).as(what).isEqualTo(want.size());
        assertThat(keys(all)).as(what).isEqualTo(want);
        for (int offset : new TreeSet<>(List.of(1, 3, want.size() / 2, Math.max(0, want.size() - 2)))) {
            List<String> page = keys(repo.page(q, offset, 3));
            assertThat(page).as(what + " at offset " + offset)
                    .isEqualTo(want.subList(Math.min(offset, want.size()), Math.min(offset + 3, want.size())));
        }
        return !want.isEmpty();
    }

    private static List<String> keys(FindingPage page) {
        return page.items().stream().map(s -> s.finding().checkId() + "|" + s.finding().resource().id()).toList();
    }

    private static long staleZoneRows(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM finding_zone z JOIN finding f
                            ON f.check_id = z.check_id AND f.resource_id = z.resource_id
                        WHERE z.is_open <> f.is_open OR z.severity_rank <> f.severity_rank OR z.status <> f.status
                            OR z.area <> f.area OR z.host_id IS DISTINCT FROM f.host_id""")
                .mapTo(Long.class).one());
    }
}
