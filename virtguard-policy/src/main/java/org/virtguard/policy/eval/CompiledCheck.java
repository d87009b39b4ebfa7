package org.virtguard.policy.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

import org.virtguard.model.CheckStatus;
import org.virtguard.policy.cel.CompiledVerdict;
import org.virtguard.policy.cel.FastPlan;
import org.virtguard.policy.cel.NotCollectedException;
import org.virtguard.policy.cel.RuleEnvironment;
import org.virtguard.policy.cel.RuleVariables;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.check.JavaRule;

/**
 * A check ready to evaluate: its definition with the rule compiled (and planned, see {@link FastPlan}) once.
 * Thread-safe; evaluation allocates little for PASS, FAIL and NOT_APPLICABLE beyond what evaluating needs.
 */
public final class CompiledCheck {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompiledCheck.class);

    private final CheckDefinition definition;
    private final CelRuntime.Program rule;
    private final FastPlan rulePlan;
    private final JavaRule javaRule;
    private final CelRuntime.Program applies;
    private final FastPlan appliesPlan;
    private final Map<String, RuleEnvironment.Compiled> evidence;
    private final CompiledVerdict compiled;
    private final java.util.List<String> frameworkIds;
    private final String[] hypervisors;
    private final java.util.Set<String> loggedErrors = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CompiledCheck(CheckDefinition definition, CelRuntime.Program rule, FastPlan rulePlan, JavaRule javaRule,
                  CelRuntime.Program applies, FastPlan appliesPlan, Map<String, RuleEnvironment.Compiled> evidence,
                  CompiledVerdict compiled) {
        this.definition = definition;
        this.rule = rule;
        this.rulePlan = rulePlan;
        this.javaRule = javaRule;
        this.applies = applies;
        this.appliesPlan = appliesPlan;
        this.evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        this.compiled = compiled;
        this.frameworkIds = definition.frameworkIds();
        this.hypervisors = definition.hypervisors().stream().map(String::intern).toArray(String[]::new);
    }

    /** This check evaluated by cel-java alone (to compare against the faster ways). */
    CompiledCheck withoutPlans() {
        Map<String, RuleEnvironment.Compiled> unplanned = new LinkedHashMap<>();
        evidence.forEach((k, c) -> unplanned.put(k, new RuleEnvironment.Compiled(c.program(), c.issues())));
        return new CompiledCheck(definition, rule, null, javaRule, applies, null, unplanned, null);
    }

    /** This check without its compiled verdict: plans, then cel-java. */
    CompiledCheck withoutCompiledVerdict() {
        return new CompiledCheck(definition, rule, rulePlan, javaRule, applies, appliesPlan, evidence, null);
    }

    /** This check with its compiled verdict but without plans: the compiled verdict, then cel-java. */
    CompiledCheck compiledVerdictOnly() {
        Map<String, RuleEnvironment.Compiled> unplanned = new LinkedHashMap<>();
        evidence.forEach((k, c) -> unplanned.put(k, new RuleEnvironment.Compiled(c.program(), c.issues())));
        return new CompiledCheck(definition, rule, null, javaRule, applies, null, unplanned, compiled);
    }

    /**
     * Whether the check applies to a resource on {@code platform} ({@code vsphere}, {@code libvirt}); a check
     * without hypervisors, or a resource of unknown platform (null), always applies. A scan gives NOT_APPLICABLE
     * without evaluating when it does not.
     */
    public boolean appliesToPlatform(String platform) {
        if (platform == null || hypervisors.length == 0) {
            return true;
        }
        int hash = platform.hashCode();
        for (String h : hypervisors) {
            if (h == platform || h.hashCode() == hash && h.equals(platform)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the check (when its rule is CEL) has a {@link CompiledVerdict}. */
    public boolean compiled() {
        return rule == null || compiled != null;
    }

    /** Whether the rule (when it is CEL) is evaluated through a {@link FastPlan}. */
    public boolean planned() {
        return rule == null || rulePlan != null;
    }

    /** The definition's framework ids, computed once. */
    public java.util.List<String> frameworkIds() {
        return frameworkIds;
    }

    public CheckDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    /** Evaluates the check on one resource's variables; never throws. */
    public RuleVerdict evaluate(Map<String, Object> variables) {
        return evaluate(variables, null);
    }

    /**
     * Evaluates with a resolver over {@code variables} (reused across checks of one resource, so that CEL does not
     * copy the variables for every evaluation; null to make one when cel-java needs it); never throws.
     */
    public RuleVerdict evaluate(Map<String, Object> variables, dev.cel.runtime.CelVariableResolver resolver) {
        if (compiled != null && variables instanceof RuleVariables v) {
            switch (compiled.verdict(v)) {
                case CompiledVerdict.PASS:
                    return RuleVerdict.PASS;
                case CompiledVerdict.FAIL:
                    return RuleVerdict.FAIL;
                case CompiledVerdict.NOT_APPLICABLE:
                    return RuleVerdict.NOT_APPLICABLE;
                default:
                    break;
            }
        }
        try {
            if (applies != null) {
                Object applicable = eval(appliesPlan, applies, variables, resolver);
                if (!(applicable instanceof Boolean)) {
                    return internalError(variables, "'applies' returned " + describe(applicable)
                            + " instead of true or false");
                }
                if (!(Boolean) applicable) {
                    return RuleVerdict.NOT_APPLICABLE;
                }
            }
            if (javaRule != null) {
                RuleVerdict v = javaRule.evaluate(variables);
                return v == null ? internalError(variables, "the rule class returned no verdict") : v;
            }
            Object result = eval(rulePlan, rule, variables, resolver);
            if (result instanceof Boolean b) {
                return b ? RuleVerdict.PASS : RuleVerdict.FAIL;
            }
            return internalError(variables, "the rule returned " + describe(result) + " instead of true or false");
        } catch (CelEvaluationException e) {
            return classify(e, variables);
        } catch (NotCollectedException e) {
            return notCollected(e, variables);
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(variables, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /**
     * The planned evaluation when it decides, else cel-java's: the plan only answers with values cel-java gives
     * too and leaves every error (NOT_COLLECTED included) to cel-java.
     */
    private static Object eval(FastPlan plan, CelRuntime.Program program, Map<String, Object> variables,
                               CelVariableResolver resolver) throws CelEvaluationException {
        if (plan != null) {
            Object v = plan.eval(variables);
            if (v != FastPlan.UNDECIDED) {
                return v;
            }
        }
        return program.eval(resolver != null ? resolver : name -> java.util.Optional.ofNullable(variables.get(name)));
    }

    /**
     * The evidence expressions' values for a finding (planned like rules), as text for people (lists joined, maps as
     * labelled values); an expression that cannot be evaluated shows what is missing, never the error.
     */
    public Map<String, String> evidence(Map<String, Object> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, RuleEnvironment.Compiled> e : evidence.entrySet()) {
            try {
                out.put(e.getKey(), EvidenceText.of(eval(e.getValue().plan(), e.getValue().program(), variables, null)));
            } catch (CelEvaluationException | RuntimeException ex) {
                RuleVerdict why = classify(ex, variables);
                out.put(e.getKey(), why.status() == CheckStatus.NOT_COLLECTED ? "unknown (" + why.detail() + ")"
                        : "unknown (could not be evaluated)");
            }
        }
        return out;
    }

    /**
     * The verdict of an evaluation error: NOT_COLLECTED, explained, when a value was missing; otherwise ERROR with
     * a message for people, the internal detail going to the log.
     */
    RuleVerdict classify(Exception e, Map<String, Object> variables) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotCollectedException nc) {
                return notCollected(nc, variables);
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof CelEvaluationException ce && ce.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND
                || message.toLowerCase(Locale.ROOT).contains("no such key")
                || message.contains("is not present in map")) {
            String field = Unavailable.missingField(message);
            LOG.debug("check {}: value not collected ({})", definition.id(), message);
            return RuleVerdict.notCollected(Unavailable.explain(field, variables));
        }
        return internalError(variables, message);
    }

    private static RuleVerdict notCollected(NotCollectedException e, Map<String, Object> variables) {
        return e.reason() == null ? RuleVerdict.notCollected(Unavailable.explain(null, variables))
                : RuleVerdict.notCollected(new Unavailable.Explanation(e.what(), e.reason()));
    }

    /**
     * ERROR for people ("could not be evaluated", what to do), the internal detail logged for engineers once per
     * check and kind of error (later ones at debug level, so a broken check on 100,000 VMs does not flood the log).
     */
    private RuleVerdict internalError(Map<String, Object> variables, String internal) {
        String resource = resourceName(variables);
        String kind = internal.length() > 80 ? internal.substring(0, 80) : internal;
        if (loggedErrors.size() < 64 && loggedErrors.add(kind)) {
            LOG.warn("check {} could not be evaluated on {}: {}", definition.id(), resource, internal);
        } else {
            LOG.debug("check {} could not be evaluated on {}: {}", definition.id(), resource, internal);
        }
        return RuleVerdict.error(ERROR_TEXT);
    }

    /** What users read when a check errs on a resource. */
    public static final String ERROR_TEXT = "this check could not be evaluated on this resource because of an "
            + "internal problem in the check (the details are in the service log); the result is unknown, not a pass";

    private static String resourceName(Map<String, Object> variables) {
        for (String name : new String[] {"nic", "vm", "network", "host"}) {
            if (variables.get(name) instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                return name + " " + n;
            }
        }
        return "a resource";
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
