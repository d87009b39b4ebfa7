package org.virtguard.cli.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a probe until it yields a value: what a test waits for when the service works asynchronously. */
public final class Eventually {

    private Eventually() {
    }

    /**
     * The first non-null value of {@code probe} within {@code timeout}.
     *
     * @throws AssertionError naming {@code what} and the last failure when none comes in time
     */
    public static <T> T await(String what, Duration timeout, Callable<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("not within " + timeout + ": " + what
                        + (last == null ? "" : " (last failure: " + last + ")"));
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            Thread.sleep(200);
        }
    }
}
