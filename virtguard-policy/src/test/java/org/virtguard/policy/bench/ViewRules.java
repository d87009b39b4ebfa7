package org.virtguard.policy.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.virtguard.policy.eval.RuleVerdict;

/**
 * Five built-in checks written by hand as Java checks ({@link org.virtguard.policy.check.JavaRule}): the same
 * variables and views a CEL rule sees, read the way a check author writes Java against them ({@code Map.get}),
 * with the same verdicts, NOT_COLLECTED included. The benchmark's "Java check" column.
 */
final class ViewRules {

    private ViewRules() {
    }

    static RuleVerdict consoleOpenNoPassword(Map<String, Object> variables) {
        boolean unknown = false;
        for (Object o : list(map(variables.get("vm")).get("consoles"))) {
            Map<?, ?> console = map(o);
            Object beyond = console.get("beyondLoopback");
            if (beyond == null) {
                unknown = true;
            } else if (Boolean.TRUE.equals(beyond)) {
                Object password = console.get("passwordSet");
                if (password == null) {
                    unknown = true;
                } else if (!Boolean.TRUE.equals(password)) {
                    return RuleVerdict.FAIL;
                }
            }
        }
        return unknown ? RuleVerdict.notCollected("console listen address or password not collected") : RuleVerdict.PASS;
    }

    static RuleVerdict sshRunning(Map<String, Object> variables) {
        String running = setting(map(variables.get("host")), "service.TSM-SSH.running", null);
        if (running == null) {
            return RuleVerdict.notCollected("setting service.TSM-SSH.running not collected");
        }
        return truthy(running) ? RuleVerdict.FAIL : RuleVerdict.PASS;
    }

    static RuleVerdict copyEnabled(Map<String, Object> variables) {
        String disabled = setting(map(variables.get("vm")), "isolation.tools.copy.disable", "true");
        if (disabled == null) {
            return RuleVerdict.notCollected("setting isolation.tools.copy.disable not collected");
        }
        return truthy(disabled) ? RuleVerdict.PASS : RuleVerdict.FAIL;
    }

    static RuleVerdict promiscuous(Map<String, Object> variables) {
        Map<?, ?> network = map(variables.get("network"));
        if (!"STANDARD_PORT_GROUP".equals(network.get("kind"))) {
            return RuleVerdict.NOT_APPLICABLE;
        }
        String uplink = setting(network, "uplink", "false");
        if (uplink == null) {
            return RuleVerdict.notCollected("setting uplink not collected");
        }
        if (truthy(uplink)) {
            return RuleVerdict.NOT_APPLICABLE;
        }
        Object promiscuous = map(network.get("l2")).get("promiscuous");
        if (promiscuous == null) {
            return RuleVerdict.notCollected("promiscuous mode not collected");
        }
        return Boolean.TRUE.equals(promiscuous) ? RuleVerdict.FAIL : RuleVerdict.PASS;
    }

    static RuleVerdict bridgesZones(Map<String, Object> variables) {
        Long trust = null;
        for (Object o : list(variables.get("nics"))) {
            Object zone = map(o).get("zone");
            if (zone != null) {
                Long t = (Long) map(zone).get("trust");
                if (trust == null) {
                    trust = t;
                } else if (!trust.equals(t)) {
                    return RuleVerdict.FAIL;
                }
            }
        }
        return RuleVerdict.PASS;
    }

    /** A setting's value, {@code fallback} when the source reported none, null when it was not collected. */
    private static String setting(Map<?, ?> object, String key, String fallback) {
        if (map(object.get("notCollected")).containsKey(key)) {
            return null;
        }
        Object value = map(object.get("settings")).get(key);
        return value == null ? fallback : value.toString();
    }

    private static boolean truthy(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on", "enabled" -> true;
            default -> false;
        };
    }

    private static Map<?, ?> map(Object o) {
        return (Map<?, ?>) o;
    }

    private static List<?> list(Object o) {
        return (List<?>) o;
    }
}
