package org.virtguard.service.exposure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.virtguard.exposure.ExposureScanner;
import org.virtguard.service.runtime.BackgroundThreads;
import org.virtguard.service.runtime.PolicyEngineView;
import org.virtguard.store.Store;

/**
 * Picks up vulnerability data loaded while the service runs ({@code virtguard exposure update} from another
 * process): checks the stored data sets' fingerprint periodically and, when it changed, rebuilds the exposure scanner
 * and re-evaluates. A failing check is logged and retried at the next period.
 */
public final class ExposureDataRefresh implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            BackgroundThreads.named("virtguard-exposure-data"));
    private final Store store;
    private final PolicyEngineView policy;
    private final Supplier<ExposureScanner> rebuild;
    private final Consumer<String> log;
    private volatile String fingerprint;

    /**
     * @param rebuild builds a scanner from the stored data (may throw; the old scanner then stays)
     */
    public ExposureDataRefresh(Store store, PolicyEngineView policy, Supplier<ExposureScanner> rebuild, Duration every,
                               Consumer<String> log) {
        this.store = store;
        this.policy = policy;
        this.rebuild = rebuild;
        this.log = log;
        this.fingerprint = current();
        long ms = Math.max(1000, every.toMillis());
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Rebuilds when the stored data changed; returns whether it did. */
    public boolean check() {
        String now = current();
        if (now == null || now.equals(fingerprint)) {
            return false;
        }
        try {
            policy.withExposure(rebuild.get());
            fingerprint = now;
            log.accept("vulnerability data changed in the store; exposure findings re-evaluated with it");
            policy.evaluateSoon();
            return true;
        } catch (RuntimeException e) {
            log.accept("vulnerability data changed but cannot be used yet: " + e.getMessage());
            return false;
        }
    }

    private String current() {
        try {
            return store.vulnerabilityData().fingerprint();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
