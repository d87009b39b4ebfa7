package org.virtguard.policy.cel;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import org.virtguard.policy.check.ResourceType;

/**
 * The CEL environments rules are compiled in: one per resource type, each declaring exactly the
 * variables that resource type provides, so a rule that names a variable of another type fails to compile.
 */
public final class RuleEnvironment {

    /** Bounds the work one rule may do on hostile or huge inventories. */
    static final int MAX_ITERATIONS = 1_000_000;

    private static final MapType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final ListType OBJECTS = ListType.create(OBJECT);

    private final Map<ResourceType, Cel> environments = new EnumMap<>(ResourceType.class);
    private final Map<ResourceType, Cel> valueEnvironments = new EnumMap<>(ResourceType.class);
    private final CelOptions options;

    /**
     * One compiled expression (its cel-java program, its plan when it has one, and the checked tree the plan and
     * {@link VerdictCompiler} are made from), or the problems that stopped it compiling.
     */
    public record Compiled(CelRuntime.Program program, List<CelIssue> issues, FastPlan plan,
                           CelAbstractSyntaxTree ast) {
        public Compiled(CelRuntime.Program program, List<CelIssue> issues) {
            this(program, issues, null, null);
        }

        public boolean ok() {
            return program != null;
        }
    }

    public RuleEnvironment() {
        options = CelOptions.current()
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .enableHeterogeneousNumericComparisons(true)
                .build();
        for (ResourceType type : ResourceType.values()) {
            environments.put(type, build(type, options, SimpleType.BOOL));
            valueEnvironments.put(type, build(type, options, SimpleType.DYN));
        }
    }

    private static Cel build(ResourceType type, CelOptions options, CelType resultType) {
        var builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addFunctionDeclarations(RuleFunctions.declarations())
                .addFunctionBindings(RuleFunctions.bindings())
                .setResultType(resultType);
        variables(type).forEach(builder::addVar);
        return builder.build();
    }

    /** The variables a rule over this resource type sees, with their CEL types. */
    public static Map<String, CelType> variables(ResourceType type) {
        Map<String, CelType> vars = new LinkedHashMap<>();
        switch (type) {
            case HOST -> {
                vars.put("host", OBJECT);
                vars.put("vms", OBJECTS);
            }
            case VM -> {
                vars.put("vm", OBJECT);
                vars.put("host", OBJECT);
                vars.put("nics", OBJECTS);
                vars.put("networks", OBJECTS);
                vars.put("zones", OBJECTS);
            }
            case VNIC -> {
                vars.put("nic", OBJECT);
                vars.put("vm", OBJECT);
                vars.put("host", OBJECT);
                vars.put("network", OBJECT);
                vars.put("zone", OBJECT);
            }
            case NETWORK -> {
                vars.put("network", OBJECT);
                vars.put("host", OBJECT);
                vars.put("vms", OBJECTS);
                vars.put("zone", OBJECT);
            }
        }
        vars.put("params", OBJECT);
        vars.put("policy", OBJECT);
        vars.put("now", SimpleType.INT);
        return vars;
    }

    /** Variable names of a resource type. */
    public static Set<String> variableNames(ResourceType type) {
        return variables(type).keySet();
    }

    /** Parses, type-checks (result must be bool) and plans an expression. */
    public Compiled compile(ResourceType type, String expression) {
        return compileWith(environments.get(type), expression);
    }

    /** Like {@link #compile} but for expressions of any result type (evidence values). */
    public Compiled compileValue(ResourceType type, String expression) {
        return compileWith(valueEnvironments.get(type), expression);
    }

    private Compiled compileWith(Cel cel, String expression) {
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            return new Compiled(null, result.getErrors());
        }
        try {
            CelRuntime.Program program = cel.createProgram(result.getAst());
            return new Compiled(program, List.of(), FastPlan.plan(result.getAst(), options).orElse(null), result.getAst());
        } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
            return new Compiled(null, List.of(CelIssue.formatError(1, 0, e.getMessage())));
        }
    }
}
