package org.virtguard.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.response.ActionSpec;
import org.virtguard.response.Actor;
import org.virtguard.response.ResponsePolicyLoader;
import org.virtguard.response.ResponseService;
import org.virtguard.spi.VmActuator;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.response.ActionStatus;

/** An unanswered request is closed and audited when its window ends, without anyone looking at it. */
class ResponseExpiryTest {

    @TempDir
    Path temp;

    @Test
    void overdueRequestsExpireOnTheirOwn() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Store store = Store.open(StoreConfig.embedded(temp))) {
            VirtualMachine vm = VirtualMachine.builder("lab:vm1", "vm1").powerState(PowerState.RUNNING).build();
            store.inventory().applySync(List.of(new InventorySnapshot("lab", Instant.now(), null, null, List.of(),
                    List.of(vm), null, null, null)), List.of(), Instant.now());
            VmActuator planOnly = new VmActuator() {
                @Override
                public Plan plan(org.virtguard.spi.VmAction action) {
                    return new Plan(List.of("power off vm1"));
                }

                @Override
                public Outcome execute(org.virtguard.spi.VmAction action) {
                    throw new AssertionError("an expired request must never run");
                }
            };
            ResponseService service = new ResponseService(store, ResponsePolicyLoader.parse("r.yaml",
                    "approval: {expiresAfter: 1s}\n"), source -> Optional.of(planOnly), Clock.systemUTC(), log::add);
            long id = service.request(new ActionSpec("power-off", "vm1", Map.of(), null),
                    new Actor("alice", true, "test")).id();

            try (ResponseExpiry expiry = new ResponseExpiry(service, Duration.ofMillis(100), log::add)) {
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (service.find(id).orElseThrow().status() == ActionStatus.PENDING && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
            }

            assertThat(service.find(id).orElseThrow().status()).isEqualTo(ActionStatus.EXPIRED);
            assertThat(service.list(Set.of(ActionStatus.PENDING), 10)).isEmpty();
            assertThat(store.security().audit().list(0, 5)).anyMatch(e -> e.record().action().equals("response.expire"));
            assertThat(log).anyMatch(l -> l.contains("1 request(s) expired"));
        }
    }
}
