package org.virtguard.policy.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.ScanResult;

/** A self-contained HTML page (inline CSS, no scripts, no external resources); all text is escaped. */
final class HtmlReport {

    private HtmlReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>VirtGuard scan</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
                + ".FAIL{background:#fdd}.ERROR{background:#fcb}.NOT_COLLECTED{background:#ffd}.EXCEPTED{background:#eef}"
                + "details{margin:.3em 0}</style></head><body>\n");
        out.write("<h1>VirtGuard scan</h1><p>Evaluated " + esc(result.evaluatedAt().toString()) + ": "
                + result.evaluations() + " evaluations.</p>\n<table><tr>");
        for (CheckStatus s : CheckStatus.values()) {
            out.write("<th>" + s + "</th>");
        }
        out.write("</tr><tr>");
        for (CheckStatus s : CheckStatus.values()) {
            out.write("<td>" + result.total(s) + "</td>");
        }
        out.write("</tr></table>\n");
        java.util.List<org.virtguard.model.NotCollectedGroup> groups =
                org.virtguard.model.NotCollectedGroups.of(result.findings(), Integer.MAX_VALUE);
        if (!groups.isEmpty()) {
            out.write("<h2>Not collected</h2>\n<p>These checks could not tell because a value was not collected; "
                    + "none counts as a pass. They are listed after the other results.</p>\n<table><tr>"
                    + "<th>not collected</th><th>resources</th><th>why, and how to collect it</th><th>checks</th></tr>\n");
            for (org.virtguard.model.NotCollectedGroup g : groups) {
                out.write("<tr><td>" + esc(g.missing()) + "</td><td>" + esc(g.resourcesText()) + "</td><td>"
                        + esc(g.collect()) + "</td><td>" + esc(String.join(", ", g.checkIds())) + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        out.write("<h2>Findings</h2>\n<table><tr><th>status</th><th>severity</th><th>check</th>"
                + "<th>resource</th><th>message</th><th>evidence</th></tr>\n");
        for (Finding f : Reports.resultsFirst(result.findings())) {
            out.write("<tr class=\"" + f.status() + "\"><td>" + f.status() + "</td><td>" + f.severity() + "</td><td>"
                    + esc(f.checkId()) + "</td><td>" + esc(f.resource().type() + " " + f.resource().name()) + "</td><td>"
                    + esc(f.message()) + "</td><td>");
            for (Map.Entry<String, String> e : f.evidence().entrySet()) {
                out.write(esc(e.getKey()) + ": " + esc(e.getValue()) + "<br>");
            }
            out.write("</td></tr>\n");
        }
        out.write("</table>\n<h2>Checks</h2>\n");
        for (CompiledCheck c : result.checks()) {
            CheckDefinition d = c.definition();
            out.write("<details><summary>" + esc(d.id()) + ": " + esc(d.title()) + " (" + d.severity() + ")</summary><p>"
                    + esc(d.description()) + "</p><p><b>Risk:</b> " + esc(d.risk()) + "</p><ul>");
            for (Map.Entry<String, String> e : d.remediation().entrySet()) {
                out.write("<li><b>" + esc(e.getKey()) + "</b>: " + esc(e.getValue()) + "</li>");
            }
            out.write("</ul><p><b>Frameworks:</b> " + esc(String.join(", ", d.frameworkIds())) + "</p></details>\n");
        }
        out.write("</body></html>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
