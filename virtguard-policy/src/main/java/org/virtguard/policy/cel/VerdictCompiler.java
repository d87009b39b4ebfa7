package org.virtguard.policy.cel;

import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ANEWARRAY;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.H_INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.IF_ICMPLE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V21;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import org.virtguard.policy.view.MapShape;
import org.virtguard.policy.view.Views;

/**
 * Compiles a check's type-checked {@code applies} and {@code rule} into one {@link CompiledVerdict} class, defined as
 * a hidden class: each expression becomes straight-line bytecode over primitive booleans and longs where the types
 * allow, with field reads, settings and comparisons done by the same operations {@link FastPlan} uses. The generated
 * code only takes the ordinary path: every operation that meets an absent value, an unexpected type or an error
 * throws, and the generated method answers {@link CompiledVerdict#UNDECIDED}. Expressions outside the subset
 * ({@code timestamp()}, {@code matches()}, doubles, two-variable comprehensions and so on) are not compiled at all.
 */
public final class VerdictCompiler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VerdictCompiler.class);
    private static final String PLAN = Type.getInternalName(FastPlan.class);
    private static final String SUPPORT = Type.getInternalName(CompiledSupport.class);
    private static final String READER = Type.getDescriptor(FieldReader.class);
    private static final String SHAPE = Type.getDescriptor(MapShape.class);
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String STRING = "Ljava/lang/String;";
    /** The local variable counting comprehension steps of one verdict (slot 0 is this, 1 the variables). */
    private static final int ITERATIONS = 2;
    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classDataAt", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)"
            + OBJECT, false);

    /** How a value sits on the operand stack. */
    private enum Rep {
        BOOL, LONG, OBJECT
    }

    /** The expression uses something this compiler does not handle. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A comprehension variable in scope: its local variable slot and representation. */
    private record Local(String name, int slot, Rep rep, MapShape shape) {
    }

    private final CelAbstractSyntaxTree ast;
    private final MethodVisitor mv;
    private final List<Object> constants;
    private final Deque<Local> locals = new ArrayDeque<>();
    private int nextLocal;

    private VerdictCompiler(CelAbstractSyntaxTree ast, MethodVisitor mv, List<Object> constants, int firstLocal) {
        this.ast = ast;
        this.mv = mv;
        this.constants = constants;
        this.nextLocal = firstLocal;
    }

    /**
     * Compiles a check; empty when either expression uses something outside the compiled subset (or, through a
     * defect here, the JVM refuses the generated class: logged, and the check runs without it).
     *
     * @param name     a name for the generated class (the check id), for profilers
     * @param applies  the checked {@code applies} expression, or null when the check always applies
     * @param rule     the checked rule
     */
    public static Optional<CompiledVerdict> compile(String name, CelAbstractSyntaxTree applies,
                                                    CelAbstractSyntaxTree rule) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
        String internalName = Type.getInternalName(CompiledVerdict.class) + "$"
                + name.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
        cw.visit(V21, ACC_FINAL | ACC_SUPER, internalName, null, Type.getInternalName(CompiledVerdict.class), null);
        constructor(cw);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "verdict",
                "(" + Type.getDescriptor(RuleVariables.class) + ")I", null, null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        List<Object> constants = new ArrayList<>();
        int firstLocal = ITERATIONS + 1;
        mv.visitLabel(start);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, ITERATIONS);
        try {
            if (applies != null) {
                VerdictCompiler a = new VerdictCompiler(applies, mv, constants, firstLocal);
                a.emit(applies.getExpr(), Rep.BOOL);
                firstLocal = a.nextLocal;
                Label applicable = new Label();
                mv.visitJumpInsn(IFNE, applicable);
                pushInt(mv, CompiledVerdict.NOT_APPLICABLE);
                mv.visitInsn(IRETURN);
                mv.visitLabel(applicable);
            }
            new VerdictCompiler(rule, mv, constants, firstLocal).emit(rule.getExpr(), Rep.BOOL);
        } catch (Unsupported e) {
            return Optional.empty();
        }
        Label failed = new Label();
        mv.visitJumpInsn(IFEQ, failed);
        pushInt(mv, CompiledVerdict.PASS);
        mv.visitInsn(IRETURN);
        mv.visitLabel(failed);
        pushInt(mv, CompiledVerdict.FAIL);
        mv.visitInsn(IRETURN);
        mv.visitLabel(end);
        mv.visitLabel(handler);
        mv.visitInsn(POP);
        pushInt(mv, CompiledVerdict.UNDECIDED);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return define(name, cw, constants);
    }

    private static void constructor(ClassWriter cw) {
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, Type.getInternalName(CompiledVerdict.class), "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /** Defines the class (its constants as class data) and makes the one instance. */
    private static Optional<CompiledVerdict> define(String name, ClassWriter cw, List<Object> constants) {
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(cw.toByteArray(),
                    List.copyOf(constants), true);
            return Optional.of((CompiledVerdict) hidden.findConstructor(hidden.lookupClass(),
                    MethodType.methodType(void.class)).invoke());
        } catch (Throwable e) {
            // A defect here must not keep checks from running: the plan and cel-java evaluate them instead.
            LOG.warn("check {}: compiled verdict refused by the JVM, evaluated without it: {}", name, e.toString());
            return Optional.empty();
        }
    }

    private static void pushInt(MethodVisitor mv, int value) {
        mv.visitLdcInsn(value);
    }

    /** Emits {@code e} leaving a value of representation {@code want} on the stack. */
    private void emit(CelExpr e, Rep want) throws Unsupported {
        convert(emitNatural(e), want);
    }

    private void convert(Rep have, Rep want) throws Unsupported {
        if (have == want) {
            return;
        }
        switch (want) {
            case OBJECT -> {
                if (have == Rep.BOOL) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Boolean", "valueOf", "(Z)Ljava/lang/Boolean;", false);
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
                }
            }
            case BOOL -> {
                if (have != Rep.OBJECT) {
                    throw new Unsupported();
                }
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "bool", "(" + OBJECT + ")Z", false);
            }
            case LONG -> {
                if (have != Rep.OBJECT) {
                    throw new Unsupported();
                }
                mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "longValue", "(" + OBJECT + ")J", false);
            }
        }
    }

    /** The representation the checker's type of {@code e} suggests. */
    private Rep typed(CelExpr e) {
        CelKind kind = ast.getType(e.id()).map(t -> t.kind()).orElse(CelKind.DYN);
        return switch (kind) {
            case BOOL -> Rep.BOOL;
            case INT -> Rep.LONG;
            default -> Rep.OBJECT;
        };
    }

    private Rep emitNatural(CelExpr e) throws Unsupported {
        return switch (e.getKind()) {
            case CONSTANT -> constant(e.constant());
            case IDENT -> ident(e);
            case SELECT -> select(e);
            case CALL -> call(e);
            case LIST -> list(e);
            case COMPREHENSION -> comprehension(e);
            default -> throw new Unsupported();
        };
    }

    private Rep constant(CelConstant c) throws Unsupported {
        switch (c.getKind()) {
            case BOOLEAN_VALUE -> {
                mv.visitInsn(c.booleanValue() ? ICONST_1 : ICONST_0);
                return Rep.BOOL;
            }
            case INT64_VALUE -> {
                mv.visitLdcInsn(c.int64Value());
                return Rep.LONG;
            }
            case STRING_VALUE -> {
                mv.visitLdcInsn(c.stringValue());
                return Rep.OBJECT;
            }
            default -> throw new Unsupported();
        }
    }

    private Rep ident(CelExpr e) throws Unsupported {
        String name = e.ident().name();
        for (Local local : locals) {
            if (local.name().equals(name)) {
                load(local);
                return local.rep();
            }
        }
        String global = FastPlan.variableName(ast, e);
        if (global == null) {
            throw new Unsupported();
        }
        int slot = RuleVariables.slotOf(global);
        if (slot < 0) {
            throw new Unsupported();
        }
        mv.visitVarInsn(ALOAD, 1);
        pushInt(mv, slot);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "global", "(" + Type.getDescriptor(RuleVariables.class) + "I)"
                + OBJECT, false);
        return Rep.OBJECT;
    }

    private Rep select(CelExpr e) throws Unsupported {
        if (ast.getReference(e.id()).isPresent()) {
            throw new Unsupported();
        }
        String field = e.select().field();
        FieldReader reader = new FieldReader(field);
        MapShape shape = shapeOf(e.select().operand());
        int index = shape == null ? -1 : shape.indexOf(field);
        if (index >= 0) {
            emit(e.select().operand(), Rep.OBJECT);
            constant(shape, SHAPE);
            pushInt(mv, index);
            constant(reader, READER);
            String method = e.select().testOnly() ? "has" : "read";
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, method, "(" + OBJECT + SHAPE + "I" + READER + ")"
                    + (e.select().testOnly() ? "Z" : OBJECT), false);
            return e.select().testOnly() ? Rep.BOOL : Rep.OBJECT;
        }
        constant(reader, READER);
        emit(e.select().operand(), Rep.OBJECT);
        if (e.select().testOnly()) {
            mv.visitMethodInsn(INVOKESTATIC, PLAN, "has", "(" + READER + OBJECT + ")Z", false);
            return Rep.BOOL;
        }
        mv.visitMethodInsn(INVOKESTATIC, PLAN, "read", "(" + READER + OBJECT + ")" + OBJECT, false);
        return Rep.OBJECT;
    }

    /**
     * The view shape {@code e}'s value is expected to have (see {@link Views#shapeOfVariable}), null when unknown: a
     * hint that lets field reads skip the lookup; the generated code still checks it.
     */
    private MapShape shapeOf(CelExpr e) {
        switch (e.getKind()) {
            case IDENT -> {
                String name = e.ident().name();
                for (Local local : locals) {
                    if (local.name().equals(name)) {
                        return local.shape();
                    }
                }
                String global = FastPlan.variableName(ast, e);
                return global == null ? null : Views.shapeOfVariable(global);
            }
            case SELECT -> {
                return e.select().testOnly() ? null
                        : Views.shapeOfField(shapeOf(e.select().operand()), e.select().field());
            }
            default -> {
                return null;
            }
        }
    }

    /** Pushes a constant object held in the class data. */
    private void constant(Object value, String descriptor) {
        int index = constants.size();
        constants.add(value);
        mv.visitLdcInsn(new ConstantDynamic("_", descriptor, CLASS_DATA_AT, index));
    }

    private Rep list(CelExpr e) throws Unsupported {
        if (!e.list().optionalIndices().isEmpty()) {
            throw new Unsupported();
        }
        List<CelExpr> elements = e.list().elements();
        List<Object> literal = new ArrayList<>();
        for (CelExpr element : elements) {
            Object value = literalValue(element);
            if (value == null) {
                literal = null;
                break;
            }
            literal.add(value);
        }
        if (literal != null) {
            constant(List.copyOf(literal), "Ljava/util/List;");
            return Rep.OBJECT;
        }
        pushInt(mv, elements.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < elements.size(); i++) {
            mv.visitInsn(DUP);
            pushInt(mv, i);
            emit(elements.get(i), Rep.OBJECT);
            mv.visitInsn(AASTORE);
        }
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "list", "([" + OBJECT + ")" + OBJECT, false);
        return Rep.OBJECT;
    }

    /** A constant's value as rules see it, or null when {@code e} is not a plain constant. */
    private static Object literalValue(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return null;
        }
        CelConstant c = e.constant();
        return switch (c.getKind()) {
            case BOOLEAN_VALUE -> c.booleanValue();
            case INT64_VALUE -> c.int64Value();
            case STRING_VALUE -> c.stringValue();
            default -> null;
        };
    }

    private Rep comprehension(CelExpr e) throws Unsupported {
        CelExpr.CelComprehension c = e.comprehension();
        if (!c.iterVar2().isEmpty()) {
            throw new Unsupported();
        }
        int items = nextLocal++;
        int count = nextLocal++;
        int index = nextLocal++;
        emit(c.iterRange(), Rep.OBJECT);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "items", "(" + OBJECT + ")Ljava/util/List;", false);
        mv.visitVarInsn(ASTORE, items);
        mv.visitVarInsn(ALOAD, items);
        mv.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "size", "()I", true);
        mv.visitVarInsn(ISTORE, count);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, index);
        Rep accuRep = typed(c.accuInit());
        Local accu = new Local(c.accuVar(), allocate(accuRep), accuRep, null);
        emit(c.accuInit(), accuRep);
        store(accu);
        Local item = new Local(c.iterVar(), allocate(Rep.OBJECT), Rep.OBJECT, shapeOf(c.iterRange()));

        Label loop = new Label();
        Label done = new Label();
        Label withinLimit = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, index);
        mv.visitVarInsn(ILOAD, count);
        mv.visitJumpInsn(IF_ICMPGE, done);
        mv.visitVarInsn(ALOAD, items);
        mv.visitVarInsn(ILOAD, index);
        mv.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "get", "(I)" + OBJECT, true);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "element", "(" + OBJECT + ")" + OBJECT, false);
        store(item);
        mv.visitIincInsn(ITERATIONS, 1);
        mv.visitVarInsn(ILOAD, ITERATIONS);
        pushInt(mv, RuleEnvironment.MAX_ITERATIONS);
        mv.visitJumpInsn(IF_ICMPLE, withinLimit);
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "giveUp", "()Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(withinLimit);
        locals.push(accu);
        locals.push(item);
        emit(c.loopCondition(), Rep.BOOL);
        mv.visitJumpInsn(IFEQ, done);
        emit(c.loopStep(), accuRep);
        store(accu);
        locals.pop();
        mv.visitIincInsn(index, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(done);
        Rep result = emitNatural(c.result());
        locals.pop();
        return result;
    }

    private int allocate(Rep rep) {
        int slot = nextLocal;
        nextLocal += rep == Rep.LONG ? 2 : 1;
        return slot;
    }

    private void load(Local local) {
        mv.visitVarInsn(switch (local.rep()) {
            case BOOL -> ILOAD;
            case LONG -> LLOAD;
            case OBJECT -> ALOAD;
        }, local.slot());
    }

    private void store(Local local) {
        mv.visitVarInsn(switch (local.rep()) {
            case BOOL -> ISTORE;
            case LONG -> LSTORE;
            case OBJECT -> ASTORE;
        }, local.slot());
    }

    private Rep call(CelExpr e) throws Unsupported {
        CelExpr.CelCall call = e.call();
        List<CelExpr> a = new ArrayList<>();
        call.target().ifPresent(a::add);
        a.addAll(call.args());
        String fn = call.function();
        boolean member = call.target().isPresent();
        if (member && !(fn.equals("size") || fn.equals("startsWith") || fn.equals("endsWith")
                || fn.equals("contains"))) {
            throw new Unsupported();
        }
        switch (fn) {
            case "_&&_" -> {
                return logic(a.get(0), a.get(1), true);
            }
            case "_||_" -> {
                return logic(a.get(0), a.get(1), false);
            }
            case "!_" -> {
                emit(a.get(0), Rep.BOOL);
                mv.visitInsn(ICONST_1);
                mv.visitInsn(IXOR);
                return Rep.BOOL;
            }
            case "@not_strictly_false", "not_strictly_false" -> {
                emit(a.get(0), Rep.BOOL);
                return Rep.BOOL;
            }
            case "_?_:_" -> {
                Rep rep = typed(e);
                Label otherwise = new Label();
                Label end = new Label();
                emit(a.get(0), Rep.BOOL);
                mv.visitJumpInsn(IFEQ, otherwise);
                emit(a.get(1), rep);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(otherwise);
                emit(a.get(2), rep);
                mv.visitLabel(end);
                return rep;
            }
            case "_==_", "_!=_" -> {
                equality(a.get(0), a.get(1));
                if (fn.equals("_!=_")) {
                    mv.visitInsn(ICONST_1);
                    mv.visitInsn(IXOR);
                }
                return Rep.BOOL;
            }
            case "_<_" -> {
                return comparison(a.get(0), a.get(1), IFLT);
            }
            case "_<=_" -> {
                return comparison(a.get(0), a.get(1), IFLE);
            }
            case "_>_" -> {
                return comparison(a.get(0), a.get(1), IFGT);
            }
            case "_>=_" -> {
                return comparison(a.get(0), a.get(1), IFGE);
            }
            case "_+_" -> {
                if (typed(a.get(0)) == Rep.LONG || typed(a.get(1)) == Rep.LONG) {
                    return arithmetic(a, "java/lang/Math", "addExact");
                }
                emit(a.get(0), Rep.OBJECT);
                emit(a.get(1), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "plus", "(" + OBJECT + OBJECT + ")" + OBJECT, false);
                return Rep.OBJECT;
            }
            case "_-_" -> {
                return arithmetic(a, "java/lang/Math", "subtractExact");
            }
            case "_*_" -> {
                return arithmetic(a, "java/lang/Math", "multiplyExact");
            }
            case "_/_" -> {
                return arithmetic(a, SUPPORT, "divide");
            }
            case "_%_" -> {
                return arithmetic(a, SUPPORT, "remainder");
            }
            case "-_" -> {
                emit(a.get(0), Rep.LONG);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "negateExact", "(J)J", false);
                return Rep.LONG;
            }
            case "@in" -> {
                emit(a.get(0), Rep.OBJECT);
                emit(a.get(1), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "in", "(" + OBJECT + OBJECT + ")Z", false);
                return Rep.BOOL;
            }
            case "size" -> {
                emit(a.get(0), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "size", "(" + OBJECT + ")J", false);
                return Rep.LONG;
            }
            case "startsWith", "endsWith", "contains" -> {
                emit(a.get(0), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "string", "(" + OBJECT + ")" + STRING, false);
                emit(a.get(1), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "string", "(" + OBJECT + ")" + STRING, false);
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", fn,
                        fn.equals("contains") ? "(Ljava/lang/CharSequence;)Z" : "(" + STRING + ")Z", false);
                return Rep.BOOL;
            }
            case "setting", "settingOr" -> {
                return setting(a, fn.equals("settingOr"));
            }
            case "truthy" -> {
                emit(a.get(0), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "string", "(" + OBJECT + ")" + STRING, false);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "truthy", "(" + STRING + ")Z", false);
                return Rep.BOOL;
            }
            case "num" -> {
                emit(a.get(0), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "string", "(" + OBJECT + ")" + STRING, false);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "num", "(" + STRING + ")J", false);
                return Rep.LONG;
            }
            case "glob" -> {
                emit(a.get(0), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "string", "(" + OBJECT + ")" + STRING, false);
                emit(a.get(1), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "string", "(" + OBJECT + ")" + STRING, false);
                mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Globs.class), "matches",
                        "(" + STRING + STRING + ")Z", false);
                return Rep.BOOL;
            }
            case "_[_]" -> {
                emit(a.get(0), Rep.OBJECT);
                emit(a.get(1), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "index", "(" + OBJECT + OBJECT + ")" + OBJECT, false);
                return Rep.OBJECT;
            }
            case "int" -> {
                CelExpr argumentExpr = a.get(0);
                if (argumentExpr.getKind() == CelExpr.ExprKind.Kind.CALL
                        && argumentExpr.call().function().equals("timestamp")
                        && argumentExpr.call().target().isEmpty() && argumentExpr.call().args().size() == 1) {
                    emit(argumentExpr.call().args().get(0), Rep.OBJECT);
                    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "epochSeconds", "(" + OBJECT + ")J", false);
                    return Rep.LONG;
                }
                CelKind argument = ast.getType(a.get(0).id()).map(t -> t.kind()).orElse(CelKind.DYN);
                if (argument != CelKind.INT && argument != CelKind.STRING) {
                    throw new Unsupported();
                }
                emit(a.get(0), Rep.OBJECT);
                mv.visitMethodInsn(INVOKESTATIC, PLAN, "toInt", "(" + OBJECT + ")J", false);
                return Rep.LONG;
            }
            default -> throw new Unsupported();
        }
    }

    /** {@code a && b} ({@code and}) or {@code a || b}, short-circuiting on primitive booleans. */
    private Rep logic(CelExpr left, CelExpr right, boolean and) throws Unsupported {
        Label decided = new Label();
        Label end = new Label();
        emit(left, Rep.BOOL);
        mv.visitJumpInsn(and ? IFEQ : IFNE, decided);
        emit(right, Rep.BOOL);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(decided);
        mv.visitInsn(and ? ICONST_0 : ICONST_1);
        mv.visitLabel(end);
        return Rep.BOOL;
    }

    /** {@code a == b}: primitive when both sides are statically ints or bools, else CEL equality of plain values. */
    private void equality(CelExpr left, CelExpr right) throws Unsupported {
        Rep l = typed(left);
        Rep r = typed(right);
        if (l == r && l != Rep.OBJECT) {
            emit(left, l);
            emit(right, r);
            if (l == Rep.LONG) {
                mv.visitInsn(LCMP);
            } else {
                mv.visitInsn(IXOR);
            }
            booleanOf(IFEQ);
            return;
        }
        emit(left, Rep.OBJECT);
        emit(right, Rep.OBJECT);
        mv.visitMethodInsn(INVOKESTATIC, PLAN, "equal", "(" + OBJECT + OBJECT + ")Z", false);
    }

    /** An ordering comparison; {@code test} is the branch that holds when the comparison is true. */
    private Rep comparison(CelExpr left, CelExpr right, int test) throws Unsupported {
        if (typed(left) == Rep.LONG && typed(right) == Rep.LONG) {
            emit(left, Rep.LONG);
            emit(right, Rep.LONG);
            mv.visitInsn(LCMP);
        } else {
            emit(left, Rep.OBJECT);
            emit(right, Rep.OBJECT);
            mv.visitMethodInsn(INVOKESTATIC, PLAN, "compare", "(" + OBJECT + OBJECT + ")I", false);
        }
        booleanOf(test);
        return Rep.BOOL;
    }

    /** Turns the int on the stack into 1 when {@code test} holds for it, else 0. */
    private void booleanOf(int test) {
        Label yes = new Label();
        Label end = new Label();
        mv.visitJumpInsn(test, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(end);
    }

    /**
     * Integer arithmetic through an exact (overflow-checked) static method {@code (JJ)J}; an operand that is not an
     * int at run time gives up.
     */
    private Rep arithmetic(List<CelExpr> a, String owner, String method) throws Unsupported {
        emit(a.get(0), Rep.LONG);
        emit(a.get(1), Rep.LONG);
        mv.visitMethodInsn(INVOKESTATIC, owner, method, "(JJ)J", false);
        return Rep.LONG;
    }

    /** {@code setting(obj, 'key')} or {@code settingOr(obj, 'key', 'default')} with literal key and default. */
    private Rep setting(List<CelExpr> a, boolean withDefault) throws Unsupported {
        if (!(literalValue(a.get(1)) instanceof String key)) {
            throw new Unsupported();
        }
        String fallback = null;
        if (withDefault) {
            if (!(literalValue(a.get(2)) instanceof String d)) {
                throw new Unsupported();
            }
            fallback = d;
        }
        emit(a.get(0), Rep.OBJECT);
        MapShape shape = shapeOf(a.get(0));
        int notCollectedIndex = shape == null ? -1 : shape.indexOf(Views.NOT_COLLECTED);
        int settingsIndex = shape == null ? -1 : shape.indexOf("settings");
        if (notCollectedIndex >= 0 && settingsIndex >= 0) {
            constant(shape, SHAPE);
            pushInt(mv, notCollectedIndex);
            pushInt(mv, settingsIndex);
        }
        constant(new FieldReader(Views.NOT_COLLECTED), READER);
        constant(new FieldReader("settings"), READER);
        mv.visitLdcInsn(key);
        if (fallback == null) {
            mv.visitInsn(ACONST_NULL);
        } else {
            mv.visitLdcInsn(fallback);
        }
        if (notCollectedIndex >= 0 && settingsIndex >= 0) {
            mv.visitMethodInsn(INVOKESTATIC, SUPPORT, "setting", "(" + OBJECT + SHAPE + "II" + READER + READER + STRING
                    + STRING + ")" + STRING, false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, PLAN, "settingText", "(" + OBJECT + READER + READER + STRING + STRING
                    + ")" + STRING, false);
        }
        return Rep.OBJECT;
    }
}
