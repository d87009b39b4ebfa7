package org.virtguard.policy.eval;

import java.util.Objects;

import org.virtguard.model.CheckStatus;

/**
 * The outcome of one rule on one resource, with a reason for anything but PASS and FAIL. Details are shown to
 * users: they never carry evaluation internals (see {@link Unavailable}).
 *
 * @param status      the outcome
 * @param detail      why, for anything but PASS and FAIL; null otherwise
 * @param unavailable for NOT_COLLECTED, what could not be read and how to collect it; null when unknown
 */
public record RuleVerdict(CheckStatus status, String detail, Unavailable.Explanation unavailable) {

    public static final RuleVerdict PASS = new RuleVerdict(CheckStatus.PASS, null);
    public static final RuleVerdict FAIL = new RuleVerdict(CheckStatus.FAIL, null);
    public static final RuleVerdict NOT_APPLICABLE = new RuleVerdict(CheckStatus.NOT_APPLICABLE, null);

    public RuleVerdict {
        Objects.requireNonNull(status, "status");
    }

    /** A verdict without an explanation of a missing value. */
    public RuleVerdict(CheckStatus status, String detail) {
        this(status, detail, null);
    }

    public static RuleVerdict notCollected(String detail) {
        return new RuleVerdict(CheckStatus.NOT_COLLECTED, detail);
    }

    /** NOT_COLLECTED because of a missing value, explained. */
    public static RuleVerdict notCollected(Unavailable.Explanation why) {
        return new RuleVerdict(CheckStatus.NOT_COLLECTED, why.text(), why);
    }

    public static RuleVerdict error(String detail) {
        return new RuleVerdict(CheckStatus.ERROR, detail);
    }

    public static RuleVerdict notApplicable(String detail) {
        return new RuleVerdict(CheckStatus.NOT_APPLICABLE, detail);
    }
}
