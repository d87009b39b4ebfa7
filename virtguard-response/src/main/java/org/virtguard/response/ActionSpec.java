package org.virtguard.response;

import java.util.Map;
import java.util.Objects;

/**
 * An action as a person asks for it.
 *
 * @param kind    action kind, e.g. {@code quarantine} (see {@link ActionKind})
 * @param vm      the VM's id or unique name
 * @param options overrides of the policy: {@code network}, {@code method} (of a quarantine: {@code network} or
 *                {@code nwfilter}), {@code snapshot}, {@code template}
 * @param reason  why, for the approver and the audit log
 */
public record ActionSpec(String kind, String vm, Map<String, String> options, String reason) {
    public ActionSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(vm, "vm");
        options = Map.copyOf(options == null ? Map.of() : options);
    }
}
