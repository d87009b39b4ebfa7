package org.virtguard.service.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.virtguard.service.ServiceException;
import org.virtguard.service.config.Durations;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.DormantVmAlerts;
import org.virtguard.service.sync.LifecycleGuards;
import org.virtguard.service.sync.PooledActuators;
import org.virtguard.model.ErrorCode;
import org.virtguard.response.ResponsePolicy;
import org.virtguard.response.ResponsePolicyLoader;
import org.virtguard.response.ResponseService;
import org.virtguard.store.Store;

/** Builds guarded response and the lifecycle guards for the service and the demo. */
public final class GuardWiring {

    private GuardWiring() {
    }

    /** The response policy in {@code file}, validated; alert-only without one. */
    public static ResponsePolicy responsePolicy(Path file) {
        if (file == null) {
            return ResponsePolicy.none();
        }
        try {
            return ResponsePolicyLoader.load(file);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, e.getMessage(), true);
        }
    }

    public static ResponseService response(Store store, ResponsePolicy policy, List<ConfiguredSource> sources,
                                           ConnectorPool pool, Clock clock, Consumer<String> log) {
        return new ResponseService(store, policy, new PooledActuators(sources, pool), clock, log);
    }

    /**
     * The dormant-VM and migration guards.
     *
     * @param raised told of each alert the guards stored
     */
    public static LifecycleGuards guards(Store store, java.time.Duration dormantAfter, PolicyEngineView policy,
                                         ResponseService response, Clock clock,
                                         Consumer<org.virtguard.model.Alert> raised) {
        DormantVmAlerts dormant = new DormantVmAlerts(dormantAfter, store.inventory(), store.alerts(),
                clock, new org.virtguard.service.sync.DormantVmVerification(store.inventory(), clock));
        return new LifecycleGuards(store, dormant, Optional.of(policy.migrationGuard()), Optional.of(response), clock,
                raised);
    }
}
