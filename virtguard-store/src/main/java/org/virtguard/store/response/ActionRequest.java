package org.virtguard.store.response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response action as requested, before the store assigns its id.
 *
 * @param kind        action kind, e.g. {@code quarantine}
 * @param parameters  the action's parameters by name (network, snapshot, template, ...)
 * @param destructive whether it destroys state or stops service
 * @param plan        the dry-run plan shown to the approver, one line a step
 * @param trigger     the alert key that triggered it, or {@code null} when requested by hand
 * @param reason      why, in the requester's words
 * @param requestedBy the user (or {@code policy:<trigger>}) who asked for it
 * @param expiresAt   when an undecided request expires
 */
public record ActionRequest(String kind, String vmId, String vmName, String sourceId, Map<String, String> parameters,
                            boolean destructive, List<String> plan, String trigger, String reason, String requestedBy,
                            Instant requestedAt, Instant expiresAt) {
    public ActionRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        plan = List.copyOf(plan == null ? List.of() : plan);
    }
}
