package org.virtguard.policy.cel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import org.virtguard.policy.view.Views;

/**
 * Functions available to rules besides the CEL standard library.
 * <ul>
 *   <li>{@code setting(obj, key)}: the collected setting value; NOT_COLLECTED when absent or not collected</li>
 *   <li>{@code settingOr(obj, key, default)}: the value, or {@code default} when the source reported no value;
 *       NOT_COLLECTED when it could not be read</li>
 *   <li>{@code truthy(text)}: true/yes/1/on or false/no/0/off; anything else is an error</li>
 *   <li>{@code num(text)}: an integer from text</li>
 *   <li>{@code glob(text, pattern)}: shell-style match with {@code *} and {@code ?}, case-insensitive</li>
 * </ul>
 */
public final class RuleFunctions {

    private static final MapType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private RuleFunctions() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("setting",
                        CelOverloadDecl.newGlobalOverload("setting_map_string", SimpleType.STRING, OBJECT,
                                SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("settingOr",
                        CelOverloadDecl.newGlobalOverload("settingOr_map_string_string", SimpleType.STRING, OBJECT,
                                SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("truthy",
                        CelOverloadDecl.newGlobalOverload("truthy_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("num",
                        CelOverloadDecl.newGlobalOverload("num_string", SimpleType.INT, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("glob",
                        CelOverloadDecl.newGlobalOverload("glob_string_string", SimpleType.BOOL, SimpleType.STRING,
                                SimpleType.STRING)));
    }

    @SuppressWarnings("unchecked")
    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("setting_map_string", Map.class, String.class,
                        (obj, key) -> setting((Map<String, Object>) obj, key, null)),
                CelFunctionBinding.from("settingOr_map_string_string",
                        List.of(Map.class, String.class, String.class),
                        args -> setting((Map<String, Object>) args[0], (String) args[1], (String) args[2])),
                CelFunctionBinding.from("truthy_string", String.class, RuleFunctions::truthy),
                CelFunctionBinding.from("num_string", String.class, RuleFunctions::num),
                CelFunctionBinding.from("glob_string_string", String.class, String.class, Globs::matches));
    }

    static String setting(Map<String, Object> obj, String key, String fallback) {
        return setting(obj.get(Views.NOT_COLLECTED), obj.get("settings"), key, fallback);
    }

    /** {@code setting}/{@code settingOr} over an object's {@code notCollected} and {@code settings} values. */
    @SuppressWarnings("unchecked")
    static String setting(Object notCollected, Object settingValues, String key, String fallback) {
        Map<String, String> missing = (Map<String, String>) notCollected;
        if (missing != null && !missing.isEmpty()) {
            String reason = missing.get(key);
            if (reason != null) {
                throw notCollected(key, reason);
            }
        }
        Map<String, String> settings = (Map<String, String>) settingValues;
        String value = settings == null ? null : settings.get(key);
        if (value != null) {
            return value;
        }
        if (fallback != null) {
            return fallback;
        }
        throw notCollected(key, null);
    }

    /** Why a setting has no value: not collected ({@code reason}), or not reported by the source (null). */
    private static NotCollectedException notCollected(String key, String reason) {
        return new NotCollectedException("setting " + key, reason == null
                ? "the source did not report it; sync the source again and check that its connection may read the "
                        + "full configuration" : reason);
    }

    static boolean truthy(String text) throws CelEvaluationException {
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        return truthyOtherwise(text);
    }

    /** {@link #truthy} for text other than plain {@code true} and {@code false} (kept apart so that is small). */
    private static boolean truthyOtherwise(String text) throws CelEvaluationException {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on", "enabled" -> true;
            case "false", "no", "0", "off", "disabled" -> false;
            default -> throw new CelEvaluationException("not a boolean value: '" + text + "'");
        };
    }

    static long num(String text) throws CelEvaluationException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new CelEvaluationException("not an integer: '" + text + "'");
        }
    }
}
