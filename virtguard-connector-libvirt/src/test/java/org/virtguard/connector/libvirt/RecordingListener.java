package org.virtguard.connector.libvirt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.VmEvent;

/** Records what a live feed reports, for tests that wait for a notification. */
final class RecordingListener implements InventoryChangeListener {

    final List<VmEvent> events = new CopyOnWriteArrayList<>();
    final List<String> lost = new CopyOnWriteArrayList<>();
    final List<String> restored = new CopyOnWriteArrayList<>();

    @Override
    public void vmChanged(VmEvent event) {
        events.add(event);
    }

    @Override
    public void connectionLost(String sourceId, String reason) {
        lost.add(sourceId + ": " + reason);
    }

    @Override
    public void connectionRestored(String sourceId) {
        restored.add(sourceId);
    }

    /** Waits until an event matches, or fails after the timeout. */
    VmEvent awaitEvent(Predicate<VmEvent> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (VmEvent e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching event within " + timeout + "; got " + events);
    }

    static void awaitNonEmpty(List<?> list, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!list.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + timeout);
    }
}
