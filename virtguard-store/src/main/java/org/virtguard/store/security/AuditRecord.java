package org.virtguard.store.security;

import java.util.Objects;

/**
 * What to write into the audit log: who did what to which object, and how it ended.
 * Never put secrets in any field.
 *
 * @param actor         user name, {@code token:<id>}, or {@code system}
 * @param action        dotted verb, e.g. {@code alert.acknowledge}, {@code login.failure}
 * @param target        the object acted on, or {@code null}
 * @param outcome       {@code success}, {@code denied}, {@code failure}
 * @param remoteAddress the client address, or {@code null}
 * @param detail        free text for people (justification, new role), or {@code null}
 */
public record AuditRecord(String actor, String action, String target, String outcome, String remoteAddress,
                          String detail) {

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
