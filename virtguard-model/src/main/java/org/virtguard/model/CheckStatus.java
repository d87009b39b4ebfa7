package org.virtguard.model;

/** The result of evaluating one check against one resource. */
public enum CheckStatus {
    PASS,
    FAIL,
    /** A value the check needs was not collected. Never counted as a pass. */
    NOT_COLLECTED,
    /** The check does not apply to this resource (other hypervisor, powered-off VM, ...). */
    NOT_APPLICABLE,
    /** The check crashed for this resource; reported, never silent. */
    ERROR,
    /** The check failed, but a current exception covers this resource. */
    EXCEPTED
}
