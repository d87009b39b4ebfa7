package org.virtguard.service.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.virtguard.response.ResponseService;

/**
 * Expires overdue approval requests on a schedule, so an unanswered request is closed (and audited) when its
 * window ends rather than when someone next looks at it.
 */
public final class ResponseExpiry implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "virtguard-response-expiry");
        t.setDaemon(true);
        return t;
    });

    public ResponseExpiry(ResponseService service, Duration every, Consumer<String> log) {
        long millis = Math.max(1, every.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int expired = service.expireOverdue();
                if (expired > 0) {
                    log.accept("response: " + expired + " request(s) expired without approval");
                }
            } catch (RuntimeException e) {
                log.accept("response expiry failed: " + e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
