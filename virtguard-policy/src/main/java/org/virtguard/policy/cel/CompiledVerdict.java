package org.virtguard.policy.cel;

/**
 * A check's {@code applies} and {@code rule} compiled together into JVM bytecode (see {@link VerdictCompiler}): one
 * class per check, so the JIT sees each check's reads and comparisons as straight-line code of its own. It decides
 * only the ordinary case, where every value it reads is there and of the expected type; anything else (an absent
 * field, a setting not collected, an unexpected type, an overflow, too many iterations) gives {@link #UNDECIDED}, and
 * the caller evaluates the check the slower way, which then decides every error. Thread-safe and allocation-free
 * for rules without list building.
 */
public abstract class CompiledVerdict {

    /** The rule held. */
    public static final int PASS = 0;
    /** The rule did not hold. */
    public static final int FAIL = 1;
    /** {@code applies} was false. */
    public static final int NOT_APPLICABLE = 2;
    /** Not decided here: evaluate the check another way. */
    public static final int UNDECIDED = 3;

    protected CompiledVerdict() {
    }

    /** {@link #PASS}, {@link #FAIL}, {@link #NOT_APPLICABLE} or {@link #UNDECIDED} for one resource's variables. */
    public abstract int verdict(RuleVariables variables);
}
