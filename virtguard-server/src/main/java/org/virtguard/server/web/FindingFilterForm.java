package org.virtguard.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.virtguard.server.views.FindingFilter;

/** The findings page's filter form (a plain GET form) and links that keep the filter while paging. */
final class FindingFilterForm {

    private FindingFilterForm() {
    }

    static String html(FindingFilter f) {
        StringBuilder b = new StringBuilder("<form class=\"filters\" id=\"finding-filters\" method=\"get\" "
                + "action=\"/findings\">");
        b.append("<select name=\"severity\" aria-label=\"Minimum severity\"><option value=\"\">any severity</option>");
        for (String s : new String[] {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"}) {
            boolean selected = f.minSeverity() != null && f.minSeverity().name().equals(s);
            b.append("<option value=\"").append(s).append(selected ? "\" selected>" : "\">").append(s.toLowerCase())
                    .append(" or above</option>");
        }
        b.append("</select>");
        field(b, "check", "check", f.checkId());
        field(b, "area", "area", f.area());
        field(b, "zone", "zone", f.zone());
        field(b, "host", "host id", f.hostId());
        b.append("<select name=\"state\" aria-label=\"State\">");
        String current = f.state() == null ? "" : f.state().toUpperCase(java.util.Locale.ROOT);
        for (String[] option : new String[][] {{"", "with a result (default)"}, {"OPEN", "every open finding"},
                {"FAIL", "failing"}, {"EXCEPTED", "accepted risks"}, {"ERROR", "could not be evaluated"},
                {"NOT_COLLECTED", "not collected"}, {"RESOLVED", "resolved"}}) {
            b.append("<option value=\"").append(option[0]).append(option[0].equals(current) ? "\" selected>" : "\">")
                    .append(Html.esc(option[1])).append("</option>");
        }
        b.append("</select>");
        return b.append("<button type=\"submit\">Filter</button></form>").toString();
    }

    private static void field(StringBuilder b, String name, String placeholder, String value) {
        b.append("<input name=\"").append(name).append("\" placeholder=\"").append(Html.esc(placeholder))
                .append("\" aria-label=\"").append(Html.esc(placeholder)).append("\" value=\"")
                .append(Html.esc(value == null ? "" : value)).append("\">");
    }

    /** The findings page URL for this filter at this offset (HTML-escaped). */
    static String link(FindingFilter f, int offset) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("severity", f.minSeverity() == null ? null : f.minSeverity().name());
        params.put("check", f.checkId());
        params.put("area", f.area());
        params.put("zone", f.zone());
        params.put("host", f.hostId());
        params.put("state", f.state());
        params.put("vm", f.vmId());
        params.put("offset", Integer.toString(offset));
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return Html.esc("/findings?" + query);
    }
}
