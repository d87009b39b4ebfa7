package org.virtguard.store.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

class ResponseRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private static ActionRequest quarantine(String vm, Duration window) {
        return new ActionRequest("quarantine", "vm-" + vm, vm, "lab", Map.of("network", "quarantine"), false,
                List.of("NIC 52:54:00:00:00:01: network default -> quarantine"), "alert|1", "dormant VM returned",
                "alice", T0, T0.plus(window));
    }

    @DatabaseTest
    void aRequestRoundTripsWithItsPlanAndParameters(Store store) {
        ResponseRepository repo = store.responses();

        long id = repo.create(quarantine("db01", Duration.ofHours(4)));

        StoredAction stored = repo.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(ActionStatus.PENDING);
        assertThat(stored.request()).isEqualTo(quarantine("db01", Duration.ofHours(4)));
        assertThat(stored.decidedBy()).isNull();
        assertThat(stored.outcome()).isEmpty();
    }

    @DatabaseTest
    void anActionIsDecidedOnceAndFinishedOnce(Store store) {
        ResponseRepository repo = store.responses();
        long id = repo.create(quarantine("db01", Duration.ofHours(4)));

        assertThat(repo.decide(id, ActionStatus.PENDING, ActionStatus.EXECUTING, "bob", "ok", T0.plusSeconds(5)))
                .isTrue();
        assertThat(repo.decide(id, ActionStatus.PENDING, ActionStatus.REJECTED, "carol", "no", T0.plusSeconds(6)))
                .isFalse();
        assertThat(repo.finish(id, true, List.of("moved NIC"), T0.plusSeconds(7))).isTrue();
        assertThat(repo.finish(id, false, List.of("again"), T0.plusSeconds(8))).isFalse();

        StoredAction done = repo.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(done.decidedBy()).isEqualTo("bob");
        assertThat(done.decisionNote()).isEqualTo("ok");
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(done.outcome()).containsExactly("moved NIC");
    }

    @DatabaseTest
    void racingApproversCannotBothWin(Store store) throws Exception {
        ResponseRepository repo = store.responses();
        long id = repo.create(quarantine("db01", Duration.ofHours(4)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> approvals = java.util.stream.IntStream.range(0, 8)
                    .<Callable<Boolean>>mapToObj(i -> () -> repo.decide(id, ActionStatus.PENDING,
                            ActionStatus.EXECUTING, "approver" + i, null, T0))
                    .toList();
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(approvals)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @DatabaseTest
    void overdueListsOnlyPendingRequestsPastTheirWindow(Store store) {
        ResponseRepository repo = store.responses();
        long shortWindow = repo.create(quarantine("a", Duration.ofMinutes(5)));
        long longWindow = repo.create(quarantine("b", Duration.ofHours(5)));
        long decided = repo.create(quarantine("c", Duration.ofMinutes(5)));
        repo.decide(decided, ActionStatus.PENDING, ActionStatus.REJECTED, "bob", null, T0);

        assertThat(repo.overdue(T0.plus(Duration.ofMinutes(10)))).extracting(StoredAction::id)
                .containsExactly(shortWindow);
        assertThat(repo.list(Set.of(ActionStatus.PENDING), 10)).extracting(StoredAction::id)
                .containsExactly(longWindow, shortWindow);
        assertThat(repo.list(Set.of(), 2)).extracting(StoredAction::id).containsExactly(decided, longWindow);
    }
}
