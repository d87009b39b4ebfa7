package org.virtguard.server.web;

import java.util.Locale;
import java.util.Map;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.InternalText;
import org.virtguard.model.ResourceRef;

/**
 * How a finding's cells read in the console: the resource as its name linked to its page, the status in words, the
 * message and the evidence as labelled values. Text that holds engine internals (findings stored by an older
 * version) is replaced by plain words; it is never shown.
 */
public final class FindingCells {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("detail", "Why"),
            Map.entry("missing", "Not collected"),
            Map.entry("collect", "How to collect"),
            Map.entry("guestOs", "Guest OS"),
            Map.entry("consoles", "Consoles"),
            Map.entry("listen", "Listens on"),
            Map.entry("exception.justification", "Accepted because"),
            Map.entry("exception.owner", "Accepted by"),
            Map.entry("exception.expires", "Accepted until"),
            Map.entry("knownExploited", "Known exploited"),
            Map.entry("cves", "CVEs"),
            Map.entry("endOfSupport", "End of support"),
            Map.entry("fixedRelease", "Fixed in release"),
            Map.entry("fixedBuild", "Fixed in build"));

    private FindingCells() {
    }

    /** The resource as its name, linked to the VM, host or network page (a vNIC links to its VM). */
    public static String resource(ResourceRef ref) {
        if (ref == null) {
            return "";
        }
        String name = ref.name() == null || ref.name().isBlank() ? ref.id() : ref.name();
        String id = ref.id() == null ? "" : ref.id();
        return switch (ref.type()) {
            case VM -> link("/vms/" + Html.seg(id), name, "VM");
            case HOST -> link("/hosts/" + Html.seg(id), name, "host");
            case NIC -> {
                int slash = id.lastIndexOf('/');
                yield slash > 0 ? link("/vms/" + Html.seg(id.substring(0, slash)), name, "vNIC")
                        : Html.esc(name) + " <span class=\"muted\">vNIC</span>";
            }
            case NETWORK -> link("/networks/" + Html.seg(id), name, "network");
            default -> Html.esc(name) + " <span class=\"muted\">" + Html.esc(kind(ref)) + "</span>";
        };
    }

    /** The resource in plain text: "web01 (VM)". */
    public static String resourceText(ResourceRef ref) {
        if (ref == null) {
            return "";
        }
        String name = ref.name() == null || ref.name().isBlank() ? ref.id() : ref.name();
        return name + " (" + kind(ref) + ")";
    }

    private static String kind(ResourceRef ref) {
        return switch (ref.type()) {
            case VM -> "VM";
            case NIC -> "vNIC";
            default -> ref.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String link(String href, String name, String kind) {
        return "<a class=\"resource\" href=\"" + Html.esc(href) + "\">" + Html.esc(name) + "</a> <span class=\"muted\">"
                + kind + "</span>";
    }

    /** The status in words: "fail", "accepted risk", "not collected", "error". */
    public static String status(CheckStatus status) {
        return switch (status) {
            case FAIL -> "fail";
            case EXCEPTED -> "accepted risk";
            case NOT_COLLECTED -> "not collected";
            case ERROR -> "could not evaluate";
            case PASS -> "pass";
            case NOT_APPLICABLE -> "not applicable";
        };
    }

    /** The message, or plain words when the stored one holds internals. */
    public static String message(Finding f) {
        String message = f.message() != null ? f.message() : f.title();
        if (!InternalText.contains(message)) {
            return message;
        }
        return switch (f.status()) {
            case NOT_COLLECTED -> "cannot tell: a value this check reads was not collected; the next evaluation "
                    + "says which and how to collect it";
            case ERROR -> "cannot tell: this check could not be evaluated on this resource (details in the service log)";
            default -> f.title();
        };
    }

    /** The evidence as a list of labelled values; values holding internals are left out with a note. */
    public static String evidence(Map<String, String> evidence) {
        if (evidence == null || evidence.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<dl class=\"evidence\">");
        evidence.forEach((k, v) -> b.append("<dt>").append(Html.esc(label(k))).append("</dt><dd>")
                .append(Html.esc(value(v))).append("</dd>"));
        return b.append("</dl>").toString();
    }

    /** The evidence as "Label: value; Label: value" text (CLI tables, CSV). */
    public static String evidenceText(Map<String, String> evidence) {
        if (evidence == null || evidence.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        evidence.forEach((k, v) -> b.append(b.isEmpty() ? "" : "; ").append(label(k)).append(": ").append(value(v)));
        return b.toString();
    }

    /** A label for an evidence key: "guestOs" reads "Guest OS", "lastPowerOn" reads "Last power on". */
    public static String label(String key) {
        String known = LABELS.get(key);
        if (known != null) {
            return known;
        }
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c) && !b.isEmpty()) {
                b.append(' ').append(Character.toLowerCase(c));
            } else if (c == '.' || c == '_' || c == '-') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        String text = b.toString().strip();
        return text.isEmpty() ? key : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A value as people read it: Java's {@code [a, b]} and {@code {k=v}} renderings of older findings rewritten. */
    static String value(String v) {
        if (v == null) {
            return "none";
        }
        String text = v;
        if (text.length() >= 2 && text.startsWith("[") && text.endsWith("]") && !text.contains("=")) {
            text = text.substring(1, text.length() - 1);
            text = text.isEmpty() ? "none" : text;
        } else if (text.length() >= 2 && text.startsWith("{") && text.endsWith("}")) {
            String inner = text.substring(1, text.length() - 1);
            text = inner.isEmpty() ? "none" : inner.replaceAll("(^|, )([^=,{}\\[\\]]+)=", "$1$2: ")
                    .replace(", ", "; ");
        }
        return InternalText.contains(text) ? "not shown (internal detail; see the service log)" : text;
    }
}
