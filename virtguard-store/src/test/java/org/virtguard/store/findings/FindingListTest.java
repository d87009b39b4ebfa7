package org.virtguard.store.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

/** The findings list served from the store: filters, stable order, pagination, dashboard aggregates, trend. */
class FindingListTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private static Finding finding(String check, String vm, CheckStatus status, Severity severity) {
        return new Finding(check, new ResourceRef(ObjectType.VM, "uuid-" + vm, vm), status, severity, "title " + check,
                vm + " fails " + check, Map.of("vm", vm), List.of(), T0);
    }

    /** web* VMs on host-a in zone dmz, db* VMs on host-b in zones internal and mgmt; area from the check name. */
    private static final Function<Finding, FindingPlacement> PLACE = f -> {
        String vm = f.resource().name();
        String area = f.checkId().startsWith("zone") ? "zones" : "vm-hardening";
        return vm.startsWith("web") ? new FindingPlacement(area, "host-a", Set.of("dmz"))
                : new FindingPlacement(area, "host-b", Set.of("internal", "mgmt"));
    };

    private static List<Finding> lab() {
        return List.of(
                finding("console-open", "web01", CheckStatus.FAIL, Severity.HIGH),
                finding("console-open", "db01", CheckStatus.FAIL, Severity.HIGH),
                finding("zone-nic", "web01", CheckStatus.FAIL, Severity.CRITICAL),
                finding("zone-nic", "db01", CheckStatus.EXCEPTED, Severity.CRITICAL),
                finding("svirt", "web02", CheckStatus.FAIL, Severity.MEDIUM),
                finding("svirt", "db02", CheckStatus.NOT_COLLECTED, Severity.MEDIUM));
    }

    private static List<String> keys(FindingPage page) {
        return page.items().stream().map(s -> s.finding().checkId() + "/" + s.finding().resource().name()).toList();
    }

    private static List<String> evaluated() {
        return List.of("console-open", "zone-nic", "svirt");
    }

    @DatabaseTest
    void theVmFilterTakesTheVmAndItsNicsButNoVmWhoseIdMerelyStartsTheSame(Store store) {
        FindingRepository repo = store.findings();
        Finding nic = new Finding("nic-unfiltered", new ResourceRef(ObjectType.NIC, "uuid-web01/52:54:00:00:00:01",
                "web01 nic"), CheckStatus.FAIL, Severity.HIGH, "t", "m", Map.of(), List.of(), T0);
        Finding lookalike = finding("console-open", "web01_x", CheckStatus.FAIL, Severity.HIGH);
        List<Finding> all = new java.util.ArrayList<>(lab());
        all.add(nic);
        all.add(lookalike);
        repo.recordScan(all, List.of("console-open", "zone-nic", "svirt", "nic-unfiltered"), T0, PLACE);

        assertThat(keys(repo.page(new FindingQuery(null, null, null, null, null, null, "uuid-web01"), 0, 100)))
                .containsExactly("zone-nic/web01", "console-open/web01", "nic-unfiltered/web01 nic");
        assertThat(keys(repo.page(new FindingQuery(null, null, null, null, null, null, "uuid-web0_"), 0, 100)))
                .isEmpty();
    }

    @DatabaseTest
    void listsInStableOrderWithEveryFilter(Store store) {
        FindingRepository repo = store.findings();
        repo.recordScan(lab(), evaluated(), T0, PLACE);

        assertThat(keys(repo.page(FindingQuery.open(), 0, 100))).containsExactly("zone-nic/db01", "zone-nic/web01",
                "console-open/db01", "console-open/web01", "svirt/db02", "svirt/web02");
        assertThat(keys(repo.page(new FindingQuery(Severity.HIGH, null, null, null, null, "fail"), 0, 100)))
                .containsExactly("zone-nic/web01", "console-open/db01", "console-open/web01");
        assertThat(keys(repo.page(new FindingQuery(null, "svirt", null, null, null, null), 0, 100)))
                .containsExactly("svirt/db02", "svirt/web02");
        assertThat(keys(repo.page(new FindingQuery(null, null, null, "mgmt", null, null), 0, 100)))
                .containsExactly("zone-nic/db01", "console-open/db01", "svirt/db02");
        assertThat(keys(repo.page(new FindingQuery(null, null, null, null, "host-a", null), 0, 100)))
                .containsExactly("zone-nic/web01", "console-open/web01", "svirt/web02");
        assertThat(keys(repo.page(new FindingQuery(null, null, "zones", "dmz", null, null), 0, 100)))
                .containsExactly("zone-nic/web01");
        assertThat(keys(repo.page(new FindingQuery(null, null, null, null, null, "EXCEPTED"), 0, 100)))
                .containsExactly("zone-nic/db01");
        assertThat(repo.page(new FindingQuery(null, "no-such-check", null, null, null, null), 0, 100).total())
                .isZero();
        FindingJsonPage json = repo.pageJson(new FindingQuery(Severity.HIGH, null, null, null, null, "fail"), 1, 2);
        assertThat(json.total()).isEqualTo(3);
        assertThat(json.docs()).map(d -> org.virtguard.store.InventoryJson.read(d, Finding.class))
                .extracting(f -> f.checkId() + "/" + f.resource().name())
                .containsExactly("console-open/db01", "console-open/web01");
    }

    @DatabaseTest
    void pagesCoverEveryFindingOnceAndReportTheTotal(Store store) {
        FindingRepository repo = store.findings();
        List<Finding> many = new ArrayList<>();
        Severity[] severities = Severity.values();
        for (int i = 0; i < 250; i++) {
            many.add(finding("check-" + (i % 7), String.format("vm%03d", i), CheckStatus.FAIL,
                    severities[i % severities.length]));
        }
        repo.recordScan(many, many.stream().map(Finding::checkId).distinct().toList(), T0);
        List<String> all = keys(repo.page(FindingQuery.open(), 0, 1000));
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 250; offset += 40) {
            FindingPage page = repo.page(FindingQuery.open(), offset, 40);
            assertThat(page.total()).isEqualTo(250);
            paged.addAll(keys(page));
        }
        assertThat(paged).hasSize(250).doesNotHaveDuplicates().isEqualTo(all);
        assertThat(repo.page(FindingQuery.open(), 250, 40).items()).isEmpty();
        List<Integer> ranks = repo.page(FindingQuery.open(), 0, 1000).items().stream()
                .map(s -> s.finding().severity().ordinal()).toList();
        assertThat(ranks).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @DatabaseTest
    void scansChangeCountsAndTheResolvedListAndReportOpenedAndClosed(Store store) {
        FindingRepository repo = store.findings();
        ScanRecord first = repo.recordScan(lab(), evaluated(), T0, PLACE);
        assertThat(first.opened()).hasSize(6);
        assertThat(repo.page(FindingQuery.open(), 0, 10).total()).isEqualTo(6);
        assertThat(repo.failingBySeverity()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Severity.CRITICAL, 1L, Severity.HIGH, 2L, Severity.MEDIUM, 1L));

        List<Finding> fixed = lab().stream().filter(f -> !f.checkId().equals("console-open")).toList();
        List<Finding> withNew = new ArrayList<>(fixed);
        withNew.add(finding("svirt", "web03", CheckStatus.FAIL, Severity.MEDIUM));
        ScanRecord second = repo.recordScan(withNew, evaluated(), T0.plusSeconds(60), PLACE);
        assertThat(second.opened()).extracting(f -> f.resource().name()).containsExactly("web03");
        assertThat(second.closed()).extracting(f -> f.checkId() + "/" + f.resource().name())
                .containsExactly("console-open/db01", "console-open/web01");

        assertThat(repo.page(FindingQuery.open(), 0, 10).total()).as("count cache invalidated by the scan")
                .isEqualTo(5);
        assertThat(keys(repo.page(new FindingQuery(null, null, null, null, null, "resolved"), 0, 10)))
                .containsExactly("console-open/db01", "console-open/web01");
        assertThat(repo.failingBySeverity()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Severity.CRITICAL, 1L, Severity.MEDIUM, 2L));
        assertThat(repo.failingByArea()).containsExactly(
                Map.entry("vm-hardening", Map.of(Severity.MEDIUM, 2L)),
                Map.entry("zones", Map.of(Severity.CRITICAL, 1L)));
    }

    @DatabaseTest
    void zonesFollowTheResourceWhenItMoves(Store store) {
        FindingRepository repo = store.findings();
        Finding web = finding("zone-nic", "web01", CheckStatus.FAIL, Severity.CRITICAL);
        repo.recordScan(List.of(web), List.of("zone-nic"), T0,
                f -> new FindingPlacement("zones", "host-a", Set.of("dmz")));
        repo.recordScan(List.of(web), List.of("zone-nic"), T0.plusSeconds(5),
                f -> new FindingPlacement("zones", "host-b", Set.of("internal")));
        assertThat(repo.page(new FindingQuery(null, null, null, "dmz", null, null), 0, 10).total()).isZero();
        assertThat(repo.page(new FindingQuery(null, null, null, "internal", "host-b", null), 0, 10).total())
                .isEqualTo(1);

        FindingPlacement internal = new FindingPlacement("zones", "host-b", Set.of("internal"));
        Finding lowered = finding("zone-nic", "web01", CheckStatus.FAIL, Severity.LOW);
        repo.recordScan(List.of(lowered), List.of("zone-nic"), T0.plusSeconds(10), f -> internal);
        assertThat(repo.page(new FindingQuery(Severity.HIGH, null, null, "internal", null, null), 0, 10).total())
                .as("zone rows follow the severity").isZero();
        assertThat(repo.page(new FindingQuery(Severity.LOW, null, null, "internal", null, "fail"), 0, 10).total())
                .isEqualTo(1);

        repo.recordScan(List.of(), List.of("zone-nic"), T0.plusSeconds(20), f -> internal);
        assertThat(repo.page(new FindingQuery(null, null, null, "internal", null, null), 0, 10).total()).isZero();
        assertThat(repo.page(new FindingQuery(null, null, null, "internal", null, "resolved"), 0, 10).total())
                .isEqualTo(1);

        repo.recordScan(List.of(lowered), List.of("zone-nic"), T0.plusSeconds(30), f -> internal);
        assertThat(keys(repo.page(new FindingQuery(null, "zone-nic", null, "internal", null, null), 0, 10)))
                .as("reopened in its zone").containsExactly("zone-nic/web01");
        assertThat(repo.page(new FindingQuery(null, null, null, "internal", null, "resolved"), 0, 10).total())
                .isZero();
    }

    @DatabaseTest
    void trendKeepsFailingCountsPerEvaluationOldestFirst(Store store) {
        FindingRepository repo = store.findings();
        repo.recordScan(lab(), evaluated(), T0, PLACE);
        repo.recordScan(List.of(), List.of("console-open"), T0.plusSeconds(60), PLACE);
        repo.recordScan(List.of(), evaluated(), T0.plusSeconds(120), PLACE);

        List<TrendPoint> trend = repo.trend(10);
        assertThat(trend).extracting(TrendPoint::evaluatedAt)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(trend).extracting(TrendPoint::total).containsExactly(4L, 2L, 0L);
        assertThat(trend.get(1).failing()).containsEntry(Severity.HIGH, 0L).containsEntry(Severity.CRITICAL, 1L);
        assertThat(repo.trend(2)).extracting(TrendPoint::evaluatedAt)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
    }

    @DatabaseTest
    void unknownStatesAreRefused(Store store) {
        assertThatThrownBy(() -> new FindingQuery(null, null, null, null, null, "broken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'BROKEN'");
        assertThat(store.findings().page(FindingQuery.open(), 0, 10).items()).isEmpty();
    }
}
