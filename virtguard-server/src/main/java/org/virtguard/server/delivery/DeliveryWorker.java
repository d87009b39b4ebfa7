package org.virtguard.server.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Drains a {@link DiskSpool} into a {@link MessageSender} (webhook, syslog) in order, at least once: a message leaves the spool
 * only after the receiver accepted it; failures back off exponentially up to {@code maxBackoff}.
 */
public final class DeliveryWorker implements AutoCloseable {

    private final DiskSpool spool;
    private final MessageSender sender;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Consumer<String> log;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private final Object idle = new Object();
    private boolean woken;
    private volatile boolean running = true;
    private volatile boolean failing;

    public DeliveryWorker(DiskSpool spool, MessageSender sender, Duration initialBackoff, Duration maxBackoff,
                          Consumer<String> log) {
        this.spool = spool;
        this.sender = sender;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.log = log;
        this.thread = new Thread(this::run, "virtguard-delivery");
        this.thread.setDaemon(true);
    }

    public DeliveryWorker start() {
        thread.start();
        return this;
    }

    private void run() {
        long backoff = initialBackoff.toMillis();
        while (running) {
            try {
                Optional<DiskSpool.Pending> next = spool.peek();
                if (next.isEmpty()) {
                    synchronized (idle) {
                        if (!woken) {
                            idle.wait(initialBackoff.toMillis());
                        }
                        woken = false;
                    }
                    continue;
                }
                if (sender.send(next.get().body())) {
                    spool.remove(next.get());
                    delivered.incrementAndGet();
                    failing = false;
                    backoff = initialBackoff.toMillis();
                } else {
                    backoff = fail(backoff, "receiver refused the message");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                try {
                    backoff = fail(backoff, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private long fail(long backoff, String why) throws InterruptedException {
        failures.incrementAndGet();
        failing = true;
        log.accept("delivery to " + sender + " failed (" + why + "); retrying in " + backoff + " ms");
        Thread.sleep(backoff);
        return Math.min(backoff * 2, maxBackoff.toMillis());
    }

    /** Looks at the spool now instead of after the idle poll interval (call after adding to the spool). */
    public void wake() {
        synchronized (idle) {
            woken = true;
            idle.notifyAll();
        }
    }

    public long delivered() {
        return delivered.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Whether the last delivery attempt failed (the receiver is away or refuses); cleared by the next success. */
    public boolean failing() {
        return failing;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
