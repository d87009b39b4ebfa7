package org.virtguard.store.response;

/** Where a response action is in its life: requested, then decided, then (if approved) carried out. */
public enum ActionStatus {
    /** Waiting for a second admin's approval. */
    PENDING,
    /** Approved and being carried out now. */
    EXECUTING,
    /** Carried out. */
    EXECUTED,
    /** Approved, but the hypervisor refused or failed part-way (the outcome says which steps were done). */
    FAILED,
    /** Rejected by an approver. */
    REJECTED,
    /** Not approved before its approval window closed. */
    EXPIRED,
    /** Withdrawn by the requester. */
    CANCELLED;

    /** Whether nothing more can happen to the action. */
    public boolean isFinal() {
        return this != PENDING && this != EXECUTING;
    }
}
