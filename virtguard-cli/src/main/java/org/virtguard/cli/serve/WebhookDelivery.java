package org.virtguard.cli.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;
import org.virtguard.server.delivery.AlertForwarder;
import org.virtguard.server.delivery.DeliveryWorker;
import org.virtguard.server.delivery.DiskSpool;
import org.virtguard.server.delivery.WebhookSender;
import org.virtguard.store.Store;

/** Alerts to a webhook: forwarded into an on-disk spool every few seconds, delivered signed, at least once. */
final class WebhookDelivery implements AutoCloseable {

    static final String SECRET_VARIABLE = "VIRTGUARD_WEBHOOK_SECRET";
    private static final int SPOOL_LIMIT = 100_000;
    private static final Duration FORWARD_EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler;
    private final DeliveryWorker worker;

    private WebhookDelivery(ScheduledExecutorService scheduler, DeliveryWorker worker) {
        this.scheduler = scheduler;
        this.worker = worker;
    }

    static WebhookDelivery start(URI url, Map<String, String> environment, Path dataDir, Store store, Clock clock,
                                 Consumer<String> log) {
        String secret = environment.get(SECRET_VARIABLE);
        if (secret == null || secret.length() < 16) {
            throw new CliException(ErrorCode.CREDENTIAL_UNAVAILABLE, "--webhook-url needs the HMAC secret "
                    + "(at least 16 characters) in " + SECRET_VARIABLE, ExitCodes.USAGE);
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "--webhook-url must be an http(s) URL", ExitCodes.USAGE);
        }
        try {
            Path dir = dataDir.resolve("spool").resolve("webhook");
            DiskSpool spool = new DiskSpool(dir, SPOOL_LIMIT);
            AlertForwarder forwarder = new AlertForwarder(store.alerts(), spool, dir.resolveSibling("webhook.cursor"), log);
            DeliveryWorker worker = new DeliveryWorker(spool, new WebhookSender(url,
                    secret.getBytes(StandardCharsets.UTF_8), clock), Duration.ofSeconds(1), Duration.ofMinutes(5), log)
                    .start();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "virtguard-alert-forwarder");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    forwarder.forward();
                } catch (IOException | RuntimeException e) {
                    log.accept("alert forwarding failed: " + e.getMessage());
                }
            }, 0, FORWARD_EVERY.toSeconds(), TimeUnit.SECONDS);
            return new WebhookDelivery(scheduler, worker);
        } catch (IOException e) {
            throw new CliException(ErrorCode.STORE_UNAVAILABLE, "cannot open the delivery spool under " + dataDir
                    + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        worker.close();
    }
}
