package org.virtguard.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides which rate-limited login attempts are written to the audit log, so that a login flood cannot fill the
 * disk with one row per refused request. Per source address and window, the first refusal is audited at once; the
 * refusals that follow in the same window are only counted, and their number is audited with the next refusal
 * after the window. Across all addresses at most {@code globalPerWindow} refusals are audited per window (a flood
 * from many addresses); beyond that they are counted and reported with the first refusal of the next window.
 * Bounded in memory: the least recently seen addresses are forgotten first. Thread-safe.
 */
public final class RefusedLoginAudit {

    private static final int MAX_ADDRESSES = 10_000;

    private final Duration window;
    private final int globalPerWindow;
    private final Map<String, Window> byAddress = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    private Instant globalStart = Instant.EPOCH;
    private int globalAudited;
    private long globalSuppressed;

    /**
     * @param window          how long one audited refusal per address stands for the others
     * @param globalPerWindow refusals audited per window across all addresses
     */
    public RefusedLoginAudit(Duration window, int globalPerWindow) {
        this.window = window;
        this.globalPerWindow = globalPerWindow;
    }

    /** One audited refusal per address and minute, at most 100 a minute in all. */
    public static RefusedLoginAudit defaults() {
        return new RefusedLoginAudit(Duration.ofMinutes(1), 100);
    }

    /**
     * A login refused by the rate limit at {@code now} from {@code address}.
     *
     * @return the audit detail to write for it, or {@code null} when it is only counted
     */
    public String refused(String address, Instant now) {
        return refused(address, now, "rate_limited");
    }

    /**
     * A login refused without checking its password ({@code reason}: rate_limited, throttled, busy) at {@code now}
     * from {@code address}; all reasons share the same windows.
     *
     * @return the audit detail to write for it, or {@code null} when it is only counted
     */
    public synchronized String refused(String address, Instant now, String reason) {
        if (!now.isBefore(globalStart.plus(window))) {
            globalStart = now;
            globalAudited = 0;
        }
        Window w = byAddress.get(address);
        if (w != null && now.isBefore(w.start.plus(window))) {
            w.suppressed++;
            return null;
        }
        long earlier = w == null ? 0 : w.suppressed;
        if (globalAudited >= globalPerWindow) {
            globalSuppressed++;
            byAddress.put(address, new Window(now, earlier + 1));
            return null;
        }
        globalAudited++;
        byAddress.put(address, new Window(now, 0));
        StringBuilder detail = new StringBuilder(reason);
        if (earlier > 0) {
            detail.append("; ").append(earlier).append(" more refused from this address before, not audited one by one");
        }
        if (globalSuppressed > 0) {
            detail.append("; ").append(globalSuppressed).append(" refused from other addresses in a flood, not audited");
            globalSuppressed = 0;
        }
        return detail.toString();
    }

    private static final class Window {
        final Instant start;
        long suppressed;

        Window(Instant start, long suppressed) {
            this.start = start;
            this.suppressed = suppressed;
        }
    }
}
