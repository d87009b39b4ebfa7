package org.virtguard.policy.eval;

import java.util.Objects;

import org.virtguard.model.CheckStatus;

/** The outcome of one rule on one resource, with a reason for anything but PASS and FAIL. */
public record RuleVerdict(CheckStatus status, String detail) {

    public static final RuleVerdict PASS = new RuleVerdict(CheckStatus.PASS, null);
    public static final RuleVerdict FAIL = new RuleVerdict(CheckStatus.FAIL, null);
    public static final RuleVerdict NOT_APPLICABLE = new RuleVerdict(CheckStatus.NOT_APPLICABLE, null);

    public RuleVerdict {
        Objects.requireNonNull(status, "status");
    }

    public static RuleVerdict notCollected(String detail) {
        return new RuleVerdict(CheckStatus.NOT_COLLECTED, detail);
    }

    public static RuleVerdict error(String detail) {
        return new RuleVerdict(CheckStatus.ERROR, detail);
    }

    public static RuleVerdict notApplicable(String detail) {
        return new RuleVerdict(CheckStatus.NOT_APPLICABLE, detail);
    }
}
