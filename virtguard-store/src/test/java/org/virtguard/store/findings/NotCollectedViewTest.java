package org.virtguard.store.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.NotCollectedGroup;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

/**
 * Not-collected findings kept apart from real results: the ACTIONABLE state leaves them out, counts by status, and
 * groups by what is missing and why ("guest operating system not collected: 6 VMs").
 */
class NotCollectedViewTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final String GUEST_AGENT = "the hypervisor reported none; install the guest agent";

    private static Finding guestUnknown(String vm) {
        return new Finding("exposure-guest-eol", new ResourceRef(ObjectType.VM, "uuid-" + vm, vm),
                CheckStatus.NOT_COLLECTED, Severity.HIGH, "Guest operating system past its end of support",
                "cannot tell: guest operating system not collected: " + GUEST_AGENT,
                Map.of("missing", "guest operating system", "collect", GUEST_AGENT), List.of(), T0);
    }

    private static Finding result(String check, String vm, CheckStatus status, Severity severity) {
        return new Finding(check, new ResourceRef(ObjectType.VM, "uuid-" + vm, vm), status, severity, "t " + check,
                vm + " " + check, Map.of(), List.of(), T0);
    }

    private static List<Finding> lab() {
        List<Finding> all = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            all.add(guestUnknown("vm0" + i));
        }
        all.add(new Finding("libvirt-console-open-no-password", new ResourceRef(ObjectType.VM, "uuid-engine", "engine"),
                CheckStatus.NOT_COLLECTED, Severity.HIGH, "console", "cannot tell: console password not collected",
                Map.of("missing", "console password", "collect", "dumped without --security-info"), List.of(), T0));
        all.add(result("console-open", "web01", CheckStatus.FAIL, Severity.MEDIUM));
        all.add(result("zone-nic", "web02", CheckStatus.EXCEPTED, Severity.CRITICAL));
        all.add(result("broken", "web03", CheckStatus.ERROR, Severity.LOW));
        return all;
    }

    private static void record(Store store) {
        store.findings().recordScan(lab(), List.of("exposure-guest-eol", "libvirt-console-open-no-password",
                "console-open", "zone-nic", "broken"), T0, f -> new FindingPlacement("a", "host-a", Set.of()));
    }

    @DatabaseTest
    void theActionableStateLeavesNotCollectedOutAndKeepsTheOrder(Store store) {
        record(store);
        FindingPage actionable = store.findings().page(new FindingQuery(null, null, null, null, null, "actionable"),
                0, 100);
        assertThat(actionable.items()).extracting(s -> s.finding().checkId())
                .containsExactly("zone-nic", "console-open", "broken");
        assertThat(actionable.total()).isEqualTo(3);
        assertThat(store.findings().page(FindingQuery.open(), 0, 100).total()).as("the default still lists all")
                .isEqualTo(10);
    }

    @DatabaseTest
    void countsOpenFindingsByStatus(Store store) {
        record(store);
        assertThat(store.findings().openByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(
                CheckStatus.NOT_COLLECTED, 7L, CheckStatus.FAIL, 1L, CheckStatus.EXCEPTED, 1L, CheckStatus.ERROR, 1L));
    }

    @DatabaseTest
    void groupsNotCollectedByWhatIsMissingAndWhy(Store store) {
        record(store);
        List<NotCollectedGroup> groups = store.findings().notCollectedGroups(10);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).missing()).isEqualTo("guest operating system");
        assertThat(groups.get(0).collect()).isEqualTo(GUEST_AGENT);
        assertThat(groups.get(0).resourcesText()).isEqualTo("6 VMs");
        assertThat(groups.get(0).checkIds()).containsExactly("exposure-guest-eol");
        assertThat(groups.get(1).missing()).isEqualTo("console password");
        assertThat(groups.get(1).resourcesText()).isEqualTo("1 VM");
        assertThat(store.findings().notCollectedGroups(1)).hasSize(1);
    }
}
