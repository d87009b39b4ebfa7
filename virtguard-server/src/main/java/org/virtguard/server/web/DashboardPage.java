package org.virtguard.server.web;

import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.virtguard.model.InventoryChange;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.query.DashboardSummary;
import org.virtguard.server.query.InventoryQueries;
import org.virtguard.store.security.Role;

/** The posture dashboard. Its numbers refresh from {@code /api/v1/dashboard} every few seconds. */
public final class DashboardPage {

    private final InventoryQueries queries;

    public DashboardPage(InventoryQueries queries) {
        this.queries = queries;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/", Access.page(Role.VIEWER), "Dashboard page", this::render));
    }

    private void render(Context ctx) {
        DashboardSummary s = queries.dashboard();
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"cards\" id=\"dashboard\" data-live=\"/api/v1/dashboard\">");
        card(b, "hosts", "Hosts", s.hosts());
        card(b, "vms", "VMs", s.vms());
        card(b, "runningVms", "Powered on", s.runningVms());
        card(b, "staleSources", "Stale sources", s.staleSources());
        b.append("</section>");
        b.append("<section class=\"split\"><div class=\"card\"><h2>Open alerts by severity</h2><table class=\"counts\">");
        for (Map.Entry<String, Long> e : s.openAlertsBySeverity().entrySet()) {
            b.append("<tr><td>").append(Html.severityBadge(e.getKey())).append("</td><td class=\"num\" data-field=\"openAlertsBySeverity.")
                    .append(Html.esc(e.getKey())).append("\">").append(e.getValue()).append("</td></tr>");
        }
        b.append("</table><a href=\"/alerts\">Alerts timeline →</a></div>");
        b.append("<div class=\"card\"><h2>Failing findings by severity</h2>");
        if (s.failingBySeverity() == null) {
            b.append(Layout.notConfigured("Policy engine", "Findings appear here once the service runs with a zone "
                    + "policy and check directories."));
        } else {
            b.append("<table class=\"counts\">");
            for (Map.Entry<String, Long> e : s.failingBySeverity().entrySet()) {
                b.append("<tr><td>").append(Html.severityBadge(e.getKey()))
                        .append("</td><td class=\"num\" data-field=\"failingBySeverity.").append(Html.esc(e.getKey()))
                        .append("\">").append(e.getValue()).append("</td></tr>");
            }
            b.append("</table>");
            if (s.findingsByStatus() != null) {
                long notCollected = s.findingsByStatus().getOrDefault("NOT_COLLECTED", 0L);
                long errors = s.findingsByStatus().getOrDefault("ERROR", 0L);
                b.append("<p class=\"muted\" id=\"not-collected-count\">Not counted above: <a href=\"/findings?state=NOT_COLLECTED\">")
                        .append("<span data-field=\"findingsByStatus.NOT_COLLECTED\">").append(notCollected)
                        .append("</span> not collected</a> (checks that could not tell for want of a value)");
                if (errors > 0) {
                    b.append(", <a href=\"/findings?state=ERROR\"><span data-field=\"findingsByStatus.ERROR\">")
                            .append(errors).append("</span> could not be evaluated</a>");
                }
                b.append(".</p>");
            }
            b.append("<a href=\"/findings\">All findings →</a>");
        }
        b.append("</div></section>");
        if (s.failingByArea() != null) {
            b.append("<section class=\"split\"><div class=\"card\"><h2>Failing findings by area</h2>");
            b.append(areaTable(s.failingByArea()));
            b.append("</div><div class=\"card\"><h2>Trend</h2>").append(TrendChart.svg(s.trend()))
                    .append("<p class=\"muted\">Failing findings after each of the latest evaluations.</p></div></section>");
        }
        b.append("<section class=\"card\"><h2>Recent inventory changes</h2><table class=\"list\" id=\"recent-changes\">")
                .append("<thead><tr><th>When</th><th>Change</th><th>Object</th><th>Detail</th></tr></thead><tbody>");
        for (InventoryChange c : s.recentChanges()) {
            b.append(changeRow(c));
        }
        b.append("</tbody></table><p class=\"muted\">Updated <span data-field=\"at\">").append(Html.time(s.at()))
                .append("</span>; refreshes automatically.</p></section>");
        ctx.html(Layout.page("Dashboard", "/", RouteGuard.principal(ctx), b.toString()));
    }

    static String areaTable(Map<String, Map<String, Long>> byArea) {
        if (byArea.isEmpty()) {
            return "<p class=\"muted\" id=\"areas-empty\">No failing findings.</p>";
        }
        List<String> severities = new java.util.ArrayList<>(byArea.values().iterator().next().keySet());
        java.util.Collections.reverse(severities);
        StringBuilder b = new StringBuilder("<table class=\"list\" id=\"areas\"><thead><tr><th>Area</th>");
        for (String sev : severities) {
            b.append("<th>").append(Html.severityBadge(sev)).append("</th>");
        }
        b.append("<th>Total</th></tr></thead><tbody>");
        byArea.forEach((area, counts) -> {
            b.append("<tr data-area=\"").append(Html.esc(area)).append("\"><td><a href=\"/findings?state=fail&amp;area=")
                    .append(Html.esc(java.net.URLEncoder.encode(area, java.nio.charset.StandardCharsets.UTF_8)))
                    .append("\">").append(Html.esc(area)).append("</a></td>");
            for (String sev : severities) {
                b.append("<td class=\"num\">").append(counts.getOrDefault(sev, 0L)).append("</td>");
            }
            b.append("<td class=\"num total\">").append(counts.values().stream().mapToLong(Long::longValue).sum())
                    .append("</td></tr>");
        });
        return b.append("</tbody></table>").toString();
    }

    private static void card(StringBuilder b, String field, String label, int value) {
        b.append("<div class=\"card metric\"><div class=\"value\" data-field=\"").append(field).append("\">")
                .append(value).append("</div><div class=\"label\">").append(Html.esc(label)).append("</div></div>");
    }

    static String changeRow(InventoryChange c) {
        String detail = c.field() == null && c.oldValue() == null && c.newValue() == null ? ""
                : (c.field() == null ? "" : c.field() + ": ") + (c.oldValue() == null ? "" : c.oldValue() + " → ")
                + (c.newValue() == null ? "" : c.newValue());
        return "<tr><td>" + Html.time(c.at()) + "</td><td>" + Html.esc(c.type()) + "</td><td>"
                + Html.esc(c.objectType()) + " " + Html.esc(c.objectName()) + "</td><td>" + Html.esc(detail) + "</td></tr>";
    }
}
