package org.virtguard.flows.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one flow listener socket saw: datagrams received, decoded, malformed, refused (sender not an allowed
 * exporter) and dropped (VirtGuard's queue full). The kernel's own drops are read separately
 * ({@link UdpFlowCollector#socketDrops()}).
 */
final class PortCounters {

    final LongAdder received = new LongAdder();
    final LongAdder parsed = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder dropped = new LongAdder();

    ListenerCounts snapshot(int port, long kernelDrops) {
        return new ListenerCounts(port, received.sum(), parsed.sum(), malformed.sum(), refused.sum(),
                dropped.sum() + kernelDrops);
    }
}
