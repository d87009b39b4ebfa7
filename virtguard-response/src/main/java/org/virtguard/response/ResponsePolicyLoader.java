package org.virtguard.response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads and validates a response policy file. Everything is checked before the policy is used: unknown
 * keys, unknown actions, modes or quarantine methods, automatic destructive actions, triggers whose action lacks what
 * it needs (a quarantine network for the network method, a snapshot name, a template), a method on a trigger that is
 * not a quarantine, an nwfilter name libvirt would not take. Errors name the file and the offending entry.
 */
public final class ResponsePolicyLoader {

    /** The largest policy file accepted. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*([smhd])");
    /** nwfilter names the policy may give: what libvirt accepts, minus anything that needs quoting. */
    private static final Pattern FILTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private ResponsePolicyLoader() {
    }

    public static ResponsePolicy load(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": response policy larger than " + MAX_BYTES + " bytes");
            }
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read response policy: " + e.getMessage(), e);
        }
    }

    public static ResponsePolicy parse(String origin, String text) {
        if (text.length() > MAX_BYTES) {
            throw new IllegalArgumentException(origin + ": response policy larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(origin + ":" + line + ": invalid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": expected a mapping (quarantine, approval, revert, "
                    + "redeploy, triggers)");
        }
        onlyKeys(origin, root, Set.of("quarantine", "approval", "revert", "redeploy", "triggers"), "the top level");

        JsonNode q = root.path("quarantine");
        onlyKeys(origin, q, Set.of("network", "networks", "method", "methods", "filter"), "quarantine");
        QuarantineMethod method = q.has("method")
                ? method(origin, q.get("method"), "quarantine.method") : QuarantineMethod.NETWORK;
        Map<String, QuarantineMethod> methodBySource = new LinkedHashMap<>();
        JsonNode methods = q.path("methods");
        if (!methods.isMissingNode() && !methods.isObject()) {
            throw new IllegalArgumentException(origin + ": quarantine.methods must map source ids to methods ("
                    + String.join(", ", QuarantineMethod.ids()) + ")");
        }
        methods.fields().forEachRemaining(e -> methodBySource.put(e.getKey(),
                method(origin, e.getValue(), "quarantine.methods." + e.getKey())));
        String filter = optionalText(origin, q, "filter", "quarantine.filter");
        if (filter != null && !FILTER_NAME.matcher(filter).matches()) {
            throw new IllegalArgumentException(origin + ": quarantine.filter: '" + filter + "' is not a usable nwfilter"
                    + " name (letters, digits, _ . : -, starting with a letter or digit; at most 64)");
        }
        String quarantineNetwork = optionalText(origin, q, "network", "quarantine.network");
        Map<String, String> bySource = new LinkedHashMap<>();
        JsonNode networks = q.path("networks");
        if (!networks.isMissingNode() && !networks.isObject()) {
            throw new IllegalArgumentException(origin + ": quarantine.networks must map source ids to networks");
        }
        networks.fields().forEachRemaining(e -> bySource.put(e.getKey(),
                nonBlank(origin, e.getValue(), "quarantine.networks." + e.getKey())));
        methodBySource.forEach((sourceId, m) -> {
            if (m == QuarantineMethod.NETWORK && quarantineNetwork == null && !bySource.containsKey(sourceId)) {
                throw new IllegalArgumentException(origin + ": quarantine.methods." + sourceId + ": method network "
                        + "needs quarantine.network or quarantine.networks." + sourceId);
            }
        });

        JsonNode approval = root.path("approval");
        onlyKeys(origin, approval, Set.of("expiresAfter"), "approval");
        Duration window = approval.has("expiresAfter")
                ? duration(origin, approval.get("expiresAfter").asText(), "approval.expiresAfter")
                : ResponsePolicy.DEFAULT_APPROVAL_WINDOW;

        JsonNode revert = root.path("revert");
        onlyKeys(origin, revert, Set.of("snapshot"), "revert");
        String snapshot = optionalText(origin, revert, "snapshot", "revert.snapshot");

        JsonNode redeploy = root.path("redeploy");
        onlyKeys(origin, redeploy, Set.of("templates"), "redeploy");
        List<TemplateRule> templates = new ArrayList<>();
        int i = 0;
        for (JsonNode t : array(origin, redeploy.path("templates"), "redeploy.templates")) {
            String where = "redeploy.templates[" + i++ + "]";
            onlyKeys(origin, t, Set.of("vms", "template"), where);
            templates.add(new TemplateRule(nonBlank(origin, t.get("vms"), where + ".vms"),
                    nonBlank(origin, t.get("template"), where + ".template")));
        }

        ResponsePolicy partial = new ResponsePolicy(origin, quarantineNetwork, bySource, window, snapshot, templates,
                List.of(), method, methodBySource, filter);
        List<Trigger> triggers = new ArrayList<>();
        i = 0;
        for (JsonNode t : array(origin, root.path("triggers"), "triggers")) {
            String where = "triggers[" + i++ + "]";
            onlyKeys(origin, t, Set.of("on", "action", "mode", "method"), where);
            String on = nonBlank(origin, t.get("on"), where + ".on");
            ActionKind action;
            TriggerMode mode;
            try {
                action = ActionKind.parse(nonBlank(origin, t.get("action"), where + ".action"));
                mode = t.has("mode") ? TriggerMode.parse(t.get("mode").asText()) : TriggerMode.ALERT_ONLY;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ": " + where + ": " + e.getMessage(), e);
            }
            QuarantineMethod triggerMethod = t.has("method") ? method(origin, t.get("method"), where + ".method") : null;
            if (triggerMethod != null && action != ActionKind.QUARANTINE) {
                throw new IllegalArgumentException(origin + ": " + where + " (on " + on + "): method applies to "
                        + "quarantine only, not " + action.id());
            }
            validate(origin, where, on, action, mode, triggerMethod == null ? method : triggerMethod, partial);
            triggers.add(new Trigger(on, action.id(), mode, triggerMethod));
        }
        return new ResponsePolicy(origin, quarantineNetwork, bySource, window, snapshot, templates, triggers, method,
                methodBySource, filter);
    }

    private static void validate(String origin, String where, String on, ActionKind action, TriggerMode mode,
                                 QuarantineMethod method, ResponsePolicy policy) {
        String prefix = origin + ": " + where + " (on " + on + "): ";
        if (mode == TriggerMode.AUTOMATIC && action.destructive()) {
            throw new IllegalArgumentException(prefix + action.id() + " is destructive and always needs a second "
                    + "admin's approval; use mode: request");
        }
        if (action == ActionKind.RELEASE) {
            throw new IllegalArgumentException(prefix + "release cannot be triggered by an alert");
        }
        if (action == ActionKind.QUARANTINE && method == QuarantineMethod.NETWORK && policy.quarantineNetwork() == null
                && policy.quarantineBySource().isEmpty()) {
            throw new IllegalArgumentException(prefix + "quarantine needs quarantine.network (method network; or "
                    + "use method: nwfilter)");
        }
        if (action == ActionKind.REVERT_SNAPSHOT && policy.revertSnapshot() == null) {
            throw new IllegalArgumentException(prefix + "revert-snapshot needs revert.snapshot");
        }
        if (action == ActionKind.REDEPLOY && policy.templates().isEmpty()) {
            throw new IllegalArgumentException(prefix + "redeploy needs redeploy.templates");
        }
    }

    private static QuarantineMethod method(String origin, JsonNode node, String where) {
        try {
            return QuarantineMethod.parse(nonBlank(origin, node, where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + where + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code 90s}, {@code 30m}, {@code 4h} or {@code 2d}. */
    static Duration duration(String origin, String text, String where) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(origin + ": " + where + ": expected a positive duration such as 30m, "
                    + "4h or 2d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Iterable<JsonNode> array(String origin, JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(origin + ": " + where + " must be a list");
        }
        return node;
    }

    private static void onlyKeys(String origin, JsonNode node, Set<String> allowed, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(origin + ": " + where + " must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "' in " + where + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String optionalText(String origin, JsonNode parent, String key, String where) {
        return parent.has(key) ? nonBlank(origin, parent.get(key), where) : null;
    }

    private static String nonBlank(String origin, JsonNode node, String where) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(origin + ": " + where + " must be a non-empty string");
        }
        return node.asText().strip();
    }
}
