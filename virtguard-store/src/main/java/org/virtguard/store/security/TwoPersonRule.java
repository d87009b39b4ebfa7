package org.virtguard.store.security;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether an account may approve what another asked for (a response action, an admin grant), so that one person
 * cannot act as two. The approver must be an enabled admin, another account than the requester, must have existed
 * before the request, and must not have been created or last changed (role, password reset, enabling) by the
 * requester; nor may the requester's own account have been created or last changed by the approver (an admin who
 * makes an operator account and approves its requests is one person). Requests filed by the service itself (a
 * response trigger) have no requesting account, so only the approver's own standing counts.
 */
public final class TwoPersonRule {

    private TwoPersonRule() {
    }

    /**
     * Why {@code approver} may not approve a request filed by {@code requestedBy} at {@code requestedAt}.
     *
     * @param approver    the approving account, or {@code null} when it does not exist (any more)
     * @param requestedBy the requesting user name
     * @param requester   the requesting account, when there is one
     * @return the reason in one line, or empty when the approval is allowed
     */
    public static Optional<String> refusal(UserProvenance approver, String requestedBy,
                                           Optional<UserProvenance> requester, Instant requestedAt) {
        if (approver == null) {
            return Optional.of("the approving account does not exist");
        }
        if (approver.role() != Role.ADMIN || approver.disabled()) {
            return Optional.of("only an enabled admin may approve");
        }
        if (approver.username().equalsIgnoreCase(requestedBy)) {
            return Optional.of("two-person rule: the requester cannot approve their own request");
        }
        if (!approver.createdAt().isBefore(requestedAt)) {
            return Optional.of("two-person rule: account " + approver.username()
                    + " was created after the request; only accounts that existed before it may approve");
        }
        if (approver.madeBy(requestedBy)) {
            return Optional.of("two-person rule: account " + approver.username() + " was created or last changed by "
                    + "the requester " + requestedBy + "; another admin must approve");
        }
        if (requester.isPresent() && requester.get().madeBy(approver.username())) {
            return Optional.of("two-person rule: the requester's account " + requestedBy + " was created or last "
                    + "changed by " + approver.username() + "; another admin must approve");
        }
        return Optional.empty();
    }
}
