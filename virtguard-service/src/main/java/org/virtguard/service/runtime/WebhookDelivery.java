package org.virtguard.service.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.virtguard.service.ServiceException;
import org.virtguard.model.ErrorCode;
import org.virtguard.server.audit.AuditCheckpoint;
import org.virtguard.server.delivery.AlertForwarder;
import org.virtguard.server.delivery.DeliveryWorker;
import org.virtguard.server.delivery.DiskSpool;
import org.virtguard.server.delivery.FindingEvent;
import org.virtguard.server.delivery.MessageSender;
import org.virtguard.server.delivery.StoredFindingForwarder;
import org.virtguard.server.delivery.SyslogFormats;
import org.virtguard.server.delivery.SyslogSender;
import org.virtguard.server.delivery.WebhookSender;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Store;
import org.virtguard.store.alerts.StoredAlert;

/**
 * Alerts and finding events (new failing findings, resolved ones) to a webhook (JSON, HMAC-signed) or a syslog
 * collector (RFC 5424 with JSON, or CEF): both are read back from the store into an on-disk spool every few
 * seconds (finding events also as soon as an evaluation is recorded), each with a cursor file next to the spool so
 * a crash or restart loses nothing, and a worker delivers the spool in order, at least once.
 */
public final class WebhookDelivery implements AutoCloseable {

    public static final String SECRET_VARIABLE = "VIRTGUARD_WEBHOOK_SECRET";
    private static final int SPOOL_LIMIT = 100_000;
    private static final Duration FORWARD_EVERY = Duration.ofSeconds(2);

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final DeliveryWorker worker;
    private volatile long backlog;
    private final AutoCloseable sender;
    private final Runnable forwardAlerts;
    private final DiskSpool spool;
    private final Function<AuditCheckpoint, String> checkpointFormat;
    private final Consumer<String> log;
    private final java.util.concurrent.atomic.AtomicBoolean alertsPending = new java.util.concurrent.atomic.AtomicBoolean();

    private WebhookDelivery(String name, ScheduledExecutorService scheduler, DeliveryWorker worker,
                            AutoCloseable sender, Runnable forwardAlerts, DiskSpool spool,
                            Function<AuditCheckpoint, String> checkpointFormat, Consumer<String> log) {
        this.name = name;
        this.scheduler = scheduler;
        this.worker = worker;
        this.sender = sender;
        this.forwardAlerts = forwardAlerts;
        this.spool = spool;
        this.checkpointFormat = checkpointFormat;
        this.log = log;
    }

    /**
     * Spools an audit checkpoint for this target when it is a syslog target (webhooks take alerts and finding
     * events only), to be delivered in order with the rest.
     */
    public void offerCheckpoint(AuditCheckpoint checkpoint) {
        if (checkpointFormat == null) {
            return;
        }
        try {
            if (spool.offer(checkpointFormat.apply(checkpoint))) {
                worker.wake();
            } else {
                log.accept("delivery spool full: audit checkpoint of entry " + checkpoint.seq()
                        + " not queued (the next one covers it)");
            }
        } catch (IOException e) {
            log.accept("cannot spool audit checkpoint of entry " + checkpoint.seq() + ": " + e.getMessage());
        }
    }

    /**
     * Reads newly recorded alerts into the spool now instead of at the next poll; calls while one is pending
     * collapse into it.
     */
    public void forwardSoon() {
        if (alertsPending.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    alertsPending.set(false);
                    forwardAlerts.run();
                });
            } catch (RejectedExecutionException e) {
                // closing: the next start forwards from the cursor
            }
        }
    }

    /**
     * Webhook delivery to {@code url}, each message signed with HMAC-SHA256 over {@code secret}.
     *
     * @param name the spool's name under {@code <dataDir>/spool}
     */
    public static WebhookDelivery webhook(String name, URI url, String secret, Path dataDir, Store store,
                                          PolicyEngineView policy, Clock clock, Consumer<String> log) {
        if (secret == null || secret.length() < 16) {
            throw ServiceException.invalid(ErrorCode.CREDENTIAL_UNAVAILABLE, "webhook " + name
                    + " needs an HMAC secret of at least 16 characters");
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "webhook " + name + ": the URL must be http(s)");
        }
        WebhookSender sender = new WebhookSender(url, secret.getBytes(StandardCharsets.UTF_8), clock);
        return start(name, sender, null, InventoryJson::write, InventoryJson::write, null, dataDir, store, policy,
                log);
    }

    /**
     * Syslog delivery to {@code target} ({@code udp://host:port} or {@code tcp://host:port}).
     *
     * @param format {@code rfc5424} (structured JSON) or {@code cef}
     */
    public static WebhookDelivery syslog(String name, String target, String format, Path dataDir, Store store,
                                         PolicyEngineView policy, Consumer<String> log) {
        SyslogSender sender;
        try {
            sender = SyslogSender.to(target);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, "syslog delivery '" + name + "': " + e.getMessage(), true);
        }
        String host = hostname();
        return switch (format == null ? "rfc5424" : format.toLowerCase(java.util.Locale.ROOT)) {
            case "rfc5424" -> start(name, sender, sender, a -> SyslogFormats.rfc5424(a.alert(), host),
                    e -> SyslogFormats.rfc5424(e, host), c -> SyslogFormats.rfc5424(c, host), dataDir, store,
                    policy, log);
            case "cef" -> start(name, sender, sender, a -> SyslogFormats.cef(a.alert()), SyslogFormats::cef,
                    SyslogFormats::cef, dataDir, store, policy, log);
            default -> throw new ServiceException(ErrorCode.INVALID_CONFIG, "syslog target " + name + ": the format must be rfc5424 or cef, not '"
                    + format + "'", true);
        };
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }

    private static WebhookDelivery start(String name, MessageSender sender, AutoCloseable closeable,
                                         Function<StoredAlert, String> alertFormat,
                                         Function<FindingEvent, String> findingFormat,
                                         Function<AuditCheckpoint, String> checkpointFormat, Path dataDir, Store store,
                                         PolicyEngineView policy, Consumer<String> log) {
        try {
            Path dir = dataDir.resolve("spool").resolve(name);
            DiskSpool spool = new DiskSpool(dir, SPOOL_LIMIT);
            AlertForwarder alerts = new AlertForwarder(store.alerts(), spool, dir.resolveSibling(name + ".cursor"),
                    log, alertFormat);
            StoredFindingForwarder findings = new StoredFindingForwarder(store.findings(), spool,
                    dir.resolveSibling(name + ".findings.cursor"), findingFormat, log);
            DeliveryWorker worker = new DeliveryWorker(spool, sender, Duration.ofSeconds(1), Duration.ofMinutes(5),
                    log).start();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    BackgroundThreads.named("virtguard-" + name + "-forwarder"));
            FailureLog failures = new FailureLog(name, log);
            Runnable forwardFindings = () -> {
                try {
                    if (findings.forward() > 0) {
                        worker.wake();
                    }
                    failures.succeeded("finding events");
                } catch (IOException | RuntimeException e) {
                    failures.failed("finding events", e);
                }
            };
            Runnable forwardAlerts = () -> {
                try {
                    if (alerts.forward() > 0) {
                        worker.wake();
                    }
                    failures.succeeded("alerts");
                } catch (IOException | RuntimeException e) {
                    failures.failed("alerts", e);
                }
            };
            scheduler.scheduleWithFixedDelay(() -> {
                forwardAlerts.run();
                forwardFindings.run();
            }, 0, FORWARD_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            if (policy != null) {
                // Recorded evaluations are read back from the store; this only saves waiting for the next poll.
                policy.addScanListener(record -> {
                    try {
                        scheduler.execute(forwardFindings);
                    } catch (RejectedExecutionException e) {
                        // closing: the next start forwards from the cursor
                    }
                });
            }
            WebhookDelivery delivery = new WebhookDelivery(name, scheduler, worker, closeable, forwardAlerts, spool,
                    checkpointFormat, log);
            scheduler.scheduleWithFixedDelay(delivery::countBacklog, 0, FORWARD_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            return delivery;
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.STORE_UNAVAILABLE, "cannot open the " + name + " delivery spool under "
                    + dataDir + ": " + e.getMessage());
        }
    }

    /** The target's name (its spool's name). */
    public String name() {
        return name;
    }

    /** Messages waiting in the spool, as counted at most a few seconds ago (readiness reads this from memory). */
    public long backlog() {
        return backlog;
    }

    /** Messages delivered since the start. */
    public long delivered() {
        return worker.delivered();
    }

    /** Messages the spool refused because it was full or they were too large. */
    public long refused() {
        return spool.refused();
    }

    /** Whether the last delivery attempt failed. */
    public boolean failing() {
        return worker.failing();
    }

    private void countBacklog() {
        try {
            backlog = spool.size();
        } catch (IOException | RuntimeException e) {
            // the spool directory is unreadable: the worker reports the same failure
        }
    }

    /**
     * Drops the messages that waited in this target's spool since before {@code cutoff} (retention).
     *
     * @return how many were dropped
     */
    public int dropSpooledBefore(java.time.Instant cutoff) throws IOException {
        return spool.dropOlderThan(cutoff);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        worker.close();
        if (sender != null) {
            try {
                sender.close();
            } catch (Exception e) {
                // closing a socket that is already broken
            }
        }
    }

    /**
     * One line when reading alerts or finding events from the store starts failing (the store is away: the
     * outage is reported once, not every poll) and one when it works again.
     */
    private static final class FailureLog {
        private final String target;
        private final Consumer<String> log;
        private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

        FailureLog(String target, Consumer<String> log) {
            this.target = target;
            this.log = log;
        }

        void failed(String what, Exception e) {
            if (failing.add(what)) {
                log.accept("forwarding " + what + " to " + target + " paused: " + e.getMessage()
                        + " (retried every poll; nothing is skipped)");
            }
        }

        void succeeded(String what) {
            if (failing.remove(what)) {
                log.accept("forwarding " + what + " to " + target + " resumed");
            }
        }
    }
}
