package org.virtguard.server.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.virtguard.model.CheckStatus;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.security.Principal;
import org.virtguard.model.Finding;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.api.FindingFilters;
import org.virtguard.server.api.Paging;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.server.views.FindingsPage;
import org.virtguard.server.views.FlowsView;
import org.virtguard.server.views.PolicyView;
import org.virtguard.server.views.ZoneFlow;
import org.virtguard.store.findings.FindingQuery;
import org.virtguard.store.security.Role;

/** Findings list and the zone-to-zone traffic matrix; each says so plainly when its engine is not wired. */
public final class PolicyPages {

    private static final int SHOWN = 100;
    private static final int GROUPS_SHOWN = 50;

    private final Optional<PolicyView> policy;
    private final Optional<FlowsView> flows;

    public PolicyPages(Optional<PolicyView> policy, Optional<FlowsView> flows) {
        this.policy = policy;
        this.flows = flows;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/findings", Access.page(Role.VIEWER), "Findings page", this::findings),
                ApiRoute.post("/findings/exception", Access.page(Role.OPERATOR), "exception.grant",
                        "Grant an exception (console form)", this::grant),
                ApiRoute.get("/zones", Access.page(Role.VIEWER), "Zone matrix page", this::zones));
    }

    private void findings(Context ctx) {
        StringBuilder b = new StringBuilder();
        if (policy.isEmpty()) {
            b.append(Layout.notConfigured("Policy engine",
                    "Run the service with a zone policy and check directories to evaluate findings."));
        } else {
            Principal user = RouteGuard.principal(ctx);
            boolean canGrant = user.role().includes(Role.OPERATOR);
            FindingFilter filter = FindingFilters.from(ctx);
            FindingFilter query = filter.state() == null ? withState(filter, FindingQuery.ACTIONABLE) : filter;
            boolean notCollectedView = "NOT_COLLECTED".equalsIgnoreCase(filter.state());
            int offset = Paging.from(ctx).offset();
            FindingsPage page = policy.get().findings(query, offset, SHOWN);
            for (String warning : policy.get().dataWarnings()) {
                b.append("<p class=\"notice data-warning\" role=\"alert\">")
                        .append(Html.esc(warning)).append("</p>");
            }
            b.append(FindingFilterForm.html(filter));
            b.append(FindingViews.statusCounts(policy.get().openByStatus(), filter));
            if (notCollectedView) {
                b.append(FindingViews.notCollectedGroups(policy.get().notCollectedGroups(GROUPS_SHOWN), filter, false));
            }
            b.append("<p class=\"muted\"><span id=\"findings-total\">").append(page.total()).append("</span> ")
                    .append(FindingViews.describe(query))
                    .append(page.items().isEmpty() ? "" : ", showing " + (offset + 1) + "–" + (offset + page.items().size()))
                    .append(offset + page.items().size() < page.total()
                            ? " · <a id=\"findings-next\" href=\"" + FindingFilterForm.link(filter, offset + SHOWN)
                            + "\">next page →</a>" : "")
                    .append("</p><table class=\"list\" id=\"findings-table\"><thead><tr>")
                    .append("<th>Severity</th><th>Check</th><th>Resource</th><th>Status</th><th>Message</th>")
                    .append("<th>Evidence</th><th>Frameworks</th><th>Accept risk</th></tr></thead><tbody>");
            for (Finding f : page.items()) {
                b.append("<tr class=\"status-").append(f.status().name().toLowerCase(java.util.Locale.ROOT))
                        .append("\"><td>").append(Html.severityBadge(f.severity().name())).append("</td><td>")
                        .append(Html.esc(f.checkId())).append("<br><span class=\"muted\">").append(Html.esc(f.title()))
                        .append("</span></td><td class=\"resource\">").append(FindingCells.resource(f.resource()))
                        .append("</td><td>").append(Html.esc(FindingCells.status(f.status()))).append("</td><td>")
                        .append(Html.esc(FindingCells.message(f))).append("</td><td class=\"evidence\">")
                        .append(FindingCells.evidence(f.evidence())).append("</td><td>")
                        .append(Html.esc(String.join(", ", f.frameworks()))).append("</td><td>");
                if (canGrant && f.status() == CheckStatus.FAIL) {
                    b.append("<form class=\"exception\" method=\"post\" action=\"/findings/exception\">")
                            .append(Layout.csrfField(user))
                            .append("<input type=\"hidden\" name=\"checkId\" value=\"").append(Html.esc(f.checkId())).append("\">")
                            .append("<input type=\"hidden\" name=\"resourceId\" value=\"").append(Html.esc(f.resource().id())).append("\">")
                            .append("<input name=\"justification\" required maxlength=\"4000\" placeholder=\"justification\" aria-label=\"Justification\">")
                            .append("<input name=\"expires\" type=\"date\" required aria-label=\"Expires\">")
                            .append("<button type=\"submit\">Accept risk</button></form>");
                }
                b.append("</td></tr>");
            }
            b.append("</tbody></table>");
            if (filter.state() == null) {
                b.append(FindingViews.notCollectedGroups(policy.get().notCollectedGroups(GROUPS_SHOWN), filter, true));
            }
        }
        ctx.html(Layout.page("Findings", "/findings", RouteGuard.principal(ctx), b.toString()));
    }

    private static FindingFilter withState(FindingFilter f, String state) {
        return new FindingFilter(f.minSeverity(), f.checkId(), f.zone(), f.hostId(), state, f.area(), f.vmId());
    }

    private void grant(Context ctx) {
        PolicyView engine = policy.orElseThrow(() -> ApiError.notConfigured("policy engine"));
        String check = required(ctx, "checkId", 256);
        String resource = required(ctx, "resourceId", 1024);
        String justification = required(ctx, "justification", 4000);
        Instant expires;
        try {
            expires = LocalDate.parse(required(ctx, "expires", 10)).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("field 'expires' must be a date such as 2027-01-31");
        }
        if (!expires.isAfter(Instant.now())) {
            throw ApiError.invalid("field 'expires' must be in the future");
        }
        RouteGuard.auditDetail(ctx, check + " on " + resource + " until " + expires + ": " + justification);
        try {
            engine.grantException(check, resource, justification, expires, RouteGuard.principal(ctx).actor());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        ctx.redirect("/findings", HttpStatus.SEE_OTHER);
    }

    private static String required(Context ctx, String field, int max) {
        String value = ctx.formParam(field);
        if (value == null || value.isBlank()) {
            throw ApiError.invalid("field '" + field + "' is required");
        }
        if (value.length() > max) {
            throw ApiError.invalid("field '" + field + "' is longer than " + max + " characters");
        }
        return value.strip();
    }

    private void zones(Context ctx) {
        StringBuilder b = new StringBuilder();
        if (flows.isEmpty()) {
            b.append(Layout.notConfigured("Flow collection",
                    "Run the service with a flow listener and a zone policy to see zone-to-zone traffic."));
        } else {
            List<ZoneFlow> cells = flows.get().zoneMatrix(Instant.now().minusSeconds(86_400));
            TreeSet<String> zones = new TreeSet<>();
            Map<String, ZoneFlow> byPair = new TreeMap<>();
            long max = 1;
            for (ZoneFlow c : cells) {
                zones.add(c.fromZone());
                zones.add(c.toZone());
                byPair.put(c.fromZone() + "\u0000" + c.toZone(), c);
                max = Math.max(max, c.flows());
            }
            b.append("<p class=\"muted\">Flows in the last 24 hours, rows are sources. Violations are outlined.</p>")
                    .append("<table class=\"matrix\"><thead><tr><th>from \\ to</th>");
            zones.forEach(z -> b.append("<th>").append(Html.zoneBadge(z)).append("</th>"));
            b.append("</tr></thead><tbody>");
            for (String from : zones) {
                b.append("<tr><th>").append(Html.zoneBadge(from)).append("</th>");
                for (String to : zones) {
                    ZoneFlow c = byPair.get(from + "\u0000" + to);
                    if (c == null) {
                        b.append("<td class=\"heat-0\"></td>");
                    } else {
                        int heat = (int) Math.ceil(5.0 * c.flows() / max);
                        b.append("<td class=\"heat-").append(heat).append(c.allowed() ? "" : " violation")
                                .append("\" title=\"").append(c.flows()).append(" flows, ").append(Html.bytes(c.bytes()))
                                .append(c.allowed() ? "" : ", forbidden by the zone policy").append("\">")
                                .append(c.flows()).append(c.allowed() ? "" : " ✕").append("</td>");
                    }
                }
                b.append("</tr>");
            }
            b.append("</tbody></table>");
        }
        ctx.html(Layout.page("Zone matrix", "/zones", RouteGuard.principal(ctx), b.toString()));
    }
}
