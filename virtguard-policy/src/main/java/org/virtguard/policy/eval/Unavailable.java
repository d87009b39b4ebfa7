package org.virtguard.policy.eval;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.policy.view.Views;

/**
 * Explains, in words a user can act on, why a rule could not decide because a value it reads was not collected:
 * which value, why the source did not give it and how to collect it. The source's reasons come from the views'
 * {@link Views#GAPS} maps; the field a rule missed comes from the evaluation error, which itself is never shown.
 */
public final class Unavailable {

    /** Evidence key naming what could not be evaluated (a short phrase shared by every resource with this gap). */
    public static final String MISSING = "missing";
    /** Evidence key saying why the value is unknown and how to collect it. */
    public static final String COLLECT = "collect";

    private static final Pattern KEY = Pattern.compile(
            "(?:key '([A-Za-z0-9_.-]{1,100})'|no such key:?\\s*'?([A-Za-z0-9_.-]{1,100})'?)");
    private static final int MAX_NODES = 512;

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("passwordSet", "console password"),
            Map.entry("beyondLoopback", "console listen address"),
            Map.entry("everyInterface", "console listen address"),
            Map.entry("guestOs", "guest operating system"),
            Map.entry("lastPowerOn", "time of the last power-on"),
            Map.entry("lastPowerOff", "time of the last power-off"),
            Map.entry("vlan", "VLAN configuration"),
            Map.entry("zone", "trust zone"),
            Map.entry("filter", "traffic filter"),
            Map.entry("ipAddresses", "guest IP addresses"),
            Map.entry("protections", "traffic filter protections"),
            Map.entry("l2", "layer-2 security policy"),
            Map.entry("promiscuous", "promiscuous-mode setting"),
            Map.entry("forgedTransmits", "forged-transmits setting"),
            Map.entry("macChanges", "MAC-address-changes setting"),
            Map.entry("productVersion", "hypervisor version"),
            Map.entry("productBuild", "hypervisor build"),
            Map.entry("classification", "classification label"),
            Map.entry("owner", "owner label"),
            Map.entry("trust", "trust level"),
            Map.entry("createdAt", "snapshot creation time"),
            Map.entry("placement", "placement facts of the zone policy"));

    /**
     * The explanation of a missing value.
     *
     * @param what   the value that could not be read, e.g. "console password"
     * @param reason why it is unknown and how to collect it
     */
    public record Explanation(String what, String reason) {

        /** The sentence shown to users: "console password not collected: ...". */
        public String text() {
            return what + " not collected: " + reason;
        }
    }

    private Unavailable() {
    }

    /**
     * The field an evaluation error says was missing, or null when the error is not about a missing field.
     * The error's text is internal (positions, CEL wording) and only parsed here.
     */
    static String missingField(String internalMessage) {
        if (internalMessage == null) {
            return null;
        }
        Matcher m = KEY.matcher(internalMessage);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * Explains a missing {@code field} from the reasons recorded in the resource's views (searched breadth-first,
     * bounded), or says that the source did not report it.
     */
    public static Explanation explain(String field, Map<String, Object> variables) {
        String what = label(field);
        String reason = field == null ? null : recordedReason(field, variables);
        if (reason == null) {
            reason = field == null
                    ? "a value this check reads was not reported by the source; sync the source again and check "
                            + "that its connection may read the full configuration"
                    : "the source did not report it; sync the source again and check that its connection may read "
                            + "the full configuration";
        }
        return new Explanation(what, reason);
    }

    /** A short user label for a view field ("passwordSet" gives "console password"). */
    public static String label(String field) {
        if (field == null) {
            return "a value this check reads";
        }
        String known = LABELS.get(field);
        if (known != null) {
            return known;
        }
        StringBuilder b = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append(' ').append(Character.toLowerCase(c));
            } else if (c == '_' || c == '.') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString().strip().toLowerCase(Locale.ROOT);
    }

    private static String recordedReason(String field, Map<String, Object> variables) {
        Deque<Object> queue = new ArrayDeque<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String name : List.of("vm", "nic", "host", "network", "zone", "nics", "vms", "networks")) {
            Object v = variables.get(name);
            if (v != null) {
                queue.add(v);
            }
        }
        int visited = 0;
        while (!queue.isEmpty() && visited++ < MAX_NODES) {
            Object node = queue.poll();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof Map<?, ?> map) {
                if (map.get(Views.GAPS) instanceof Map<?, ?> gaps && gaps.get(field) instanceof String reason) {
                    return reason;
                }
                for (Object value : map.values()) {
                    if (value instanceof Map<?, ?> || value instanceof List<?>) {
                        queue.add(value);
                    }
                }
            } else if (node instanceof List<?> list) {
                queue.addAll(list.stream().filter(e -> e instanceof Map<?, ?> || e instanceof List<?>).toList());
            }
        }
        return null;
    }
}
