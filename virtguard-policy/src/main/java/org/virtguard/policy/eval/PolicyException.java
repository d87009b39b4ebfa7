package org.virtguard.policy.eval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

import org.virtguard.model.ResourceRef;
import org.virtguard.policy.cel.Globs;

/**
 * An accepted risk: a check that may fail on matching resources until the expiry date, with a reason and an owner.
 *
 * @param check         check id (glob)
 * @param resource      resource name or id (glob)
 * @param justification why the risk is accepted
 * @param owner         who accepted it
 * @param expires       last day (UTC) it applies
 */
public record PolicyException(String check, String resource, String justification, String owner,
                              LocalDate expires) {
    public PolicyException {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether it covers this check and resource at this time; expired exceptions cover nothing. */
    public boolean covers(String checkId, ResourceRef ref, Instant now) {
        if (LocalDate.ofInstant(now, ZoneOffset.UTC).isAfter(expires)) {
            return false;
        }
        return Globs.matches(checkId, check)
                && (Globs.matches(ref.id(), resource) || ref.name() != null && Globs.matches(ref.name(), resource));
    }
}
