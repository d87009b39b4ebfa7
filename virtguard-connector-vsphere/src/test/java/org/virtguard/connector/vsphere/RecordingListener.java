package org.virtguard.connector.vsphere;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.VmEvent;

/** Records what a live feed delivers. */
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
        lost.add(reason);
    }

    @Override
    public void connectionRestored(String sourceId) {
        restored.add(sourceId);
    }

    /** Polls until the condition holds or the limit passes; not a timing assertion, only a wait. */
    static boolean await(java.util.function.BooleanSupplier condition, long limitMillis) throws InterruptedException {
        long end = System.nanoTime() + limitMillis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
