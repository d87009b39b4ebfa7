package org.virtguard.server.readiness;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one part of the service as {@code GET /ready} shows it.
 *
 * @param state    up, degraded (working with reduced guarantees) or down
 * @param critical whether the service cannot do its job while this part is down ({@code not-ready})
 * @param since    when the part entered this state, or {@code null} when unknown
 * @param details  further facts shown with it (numbers or short text, never secrets), e.g. {@code pendingWrites}
 */
public record ComponentStatus(State state, boolean critical, Instant since, Map<String, Object> details) {

    /** A component's state. */
    public enum State {
        /** Working. */
        UP,
        /** Working with reduced guarantees (e.g. writes buffered). */
        DEGRADED,
        /** Not working. */
        DOWN
    }

    public ComponentStatus {
        Objects.requireNonNull(state, "state");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** This status with one more detail. */
    public ComponentStatus with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new ComponentStatus(state, critical, since, more);
    }

    /** The JSON form: {@code {"status": "up", "since": "...", ...details}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", state.name().toLowerCase(java.util.Locale.ROOT));
        if (since != null) {
            json.put("since", since.toString());
        }
        new java.util.TreeMap<>(details).forEach(json::put);
        return json;
    }
}
