package org.virtguard.policy.eval;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cel.common.CelIssue;

import org.virtguard.policy.cel.CompiledVerdict;
import org.virtguard.policy.cel.RuleEnvironment;
import org.virtguard.policy.cel.VerdictCompiler;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.check.JavaRule;
import org.virtguard.policy.check.SourcePositions;

/** Compiles and type-checks a check's expressions once; an error names the file, line and column. */
public final class CheckCompiler {

    private final RuleEnvironment environment;

    public CheckCompiler(RuleEnvironment environment) {
        this.environment = environment;
    }

    /**
     * Compiles a check.
     *
     * @param text the check file's text, to place errors at their line and column
     */
    public CompiledCheck compile(CheckDefinition d, String text) throws CheckLoadException {
        SourcePositions positions = new SourcePositions(text);
        RuleEnvironment.Compiled rule = null;
        JavaRule javaRule = null;
        if (d.rule() != null) {
            rule = program(d, positions, "rule", d.rule(), false);
        } else {
            javaRule = instantiate(d, positions);
        }
        RuleEnvironment.Compiled applies = d.applies() == null ? null
                : program(d, positions, "applies", d.applies(), false);
        Map<String, RuleEnvironment.Compiled> evidence = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : d.evidence().entrySet()) {
            evidence.put(e.getKey(), program(d, positions, e.getKey(), e.getValue(), true));
        }
        CompiledVerdict verdict = rule == null ? null : VerdictCompiler.compile(d.id(),
                applies == null ? null : applies.ast(), rule.ast()).orElse(null);
        return new CompiledCheck(d, rule == null ? null : rule.program(), rule == null ? null : rule.plan(), javaRule,
                applies == null ? null : applies.program(), applies == null ? null : applies.plan(), evidence,
                verdict);
    }

    private RuleEnvironment.Compiled program(CheckDefinition d, SourcePositions positions, String key,
                                             String expression, boolean anyType) throws CheckLoadException {
        RuleEnvironment.Compiled c = anyType ? environment.compileValue(d.resourceType(), expression)
                : environment.compile(d.resourceType(), expression);
        if (c.ok()) {
            return c;
        }
        CelIssue issue = c.issues().get(0);
        SourcePositions.Position start = positions.valueOf(key);
        int exprLine = Math.max(issue.getSourceLocation().getLine(), 1);
        int exprColumn = Math.max(issue.getSourceLocation().getColumn(), 0) + 1;
        int[] at = SourcePositions.map(start, exprLine, exprColumn);
        throw new CheckLoadException(d.origin(), at[0], at[1], "'" + key + "' does not compile: "
                + issue.getMessage() + " (variables for " + d.resourceType().key() + " checks: "
                + String.join(", ", RuleEnvironment.variableNames(d.resourceType())) + ")");
    }

    private static JavaRule instantiate(CheckDefinition d, SourcePositions positions) throws CheckLoadException {
        SourcePositions.Position at = positions.valueOf("class");
        try {
            Class<?> type = Class.forName(d.javaClass(), true, CheckCompiler.class.getClassLoader());
            if (!JavaRule.class.isAssignableFrom(type)) {
                throw new CheckLoadException(d.origin(), at.line(), at.column(),
                        "class " + d.javaClass() + " does not implement " + JavaRule.class.getName());
            }
            return (JavaRule) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CheckLoadException(d.origin(), at.line(), at.column(),
                    "cannot instantiate rule class " + d.javaClass() + ": " + e);
        }
    }
}
