package org.virtguard.policy.check;

import java.util.Map;

import org.virtguard.policy.eval.RuleVerdict;

/**
 * A rule that cannot be one CEL expression. It receives the same variables a CEL rule sees
 * ({@code vm}, {@code host}, {@code nics}, {@code params}, ...) and must be stateless and thread-safe.
 */
public interface JavaRule {

    /** Evaluates one resource. Throwing yields ERROR for this resource. */
    RuleVerdict evaluate(Map<String, Object> variables);
}
