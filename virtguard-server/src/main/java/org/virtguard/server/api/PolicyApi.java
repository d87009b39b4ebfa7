package org.virtguard.server.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.server.views.ExceptionGrant;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.server.views.FindingsJsonPage;
import org.virtguard.server.views.FlowsView;
import org.virtguard.server.views.PolicyView;
import org.virtguard.store.security.Role;

/**
 * Findings, exceptions, scans and the zone matrix: answered by the policy engine and flow collection
 * when the service wires them in, {@code 503 NOT_CONFIGURED} otherwise.
 */
public final class PolicyApi {

    private static final String POLICY = "policy engine";
    private static final String FLOWS = "flow collection";
    private static final int MAX_JUSTIFICATION = 4000;

    private final ServerContext context;

    public PolicyApi(ServerContext context) {
        this.context = context;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/findings", Access.read(Role.VIEWER),
                        "Findings; filters severity (minimum), check, area, zone, host, vm (the VM and its vNICs), state (open (default, every status), actionable (open except not_collected), resolved, fail, excepted, not_collected, error)", this::findings),
                ApiRoute.get("/api/v1/findings/summary", Access.read(Role.VIEWER),
                        "Open findings counted by status, and the not-collected ones grouped by what is missing and "
                                + "how to collect it (limit: groups, default 100)", this::summary),
                ApiRoute.get("/api/v1/exceptions", Access.read(Role.VIEWER), "Exceptions (accepted risks)",
                        ctx -> ctx.json(Paging.from(ctx).page(policy().exceptions()))),
                ApiRoute.post("/api/v1/exceptions", Access.write(Role.OPERATOR), "exception.grant",
                        "Grant an exception; body {checkId, resourceId (one known resource, no wildcard), "
                                + "justification (at least policy.exceptions.minJustification characters), expiresAt "
                                + "(at most policy.exceptions.maxDays away)}", this::grant),
                ApiRoute.post("/api/v1/scans", Access.write(Role.OPERATOR), "scan.start", "Start a policy scan",
                        ctx -> ctx.status(202).json(policy().startScan(RouteGuard.principal(ctx).actor()))),
                ApiRoute.get("/api/v1/scans/{id}", Access.read(Role.VIEWER), "A scan's progress",
                        ctx -> ctx.json(policy().scan(ctx.pathParam("id"))
                                .orElseThrow(() -> ApiError.notFound("no scan '" + ctx.pathParam("id") + "'")))),
                ApiRoute.get("/api/v1/zone-matrix", Access.read(Role.VIEWER),
                        "Zone-to-zone traffic since an instant (default 24 h) with policy violations",
                        this::zoneMatrix));
    }

    private PolicyView policy() {
        return context.policy().orElseThrow(() -> ApiError.notConfigured(POLICY));
    }

    private void findings(Context ctx) {
        PolicyView policy = policy();
        Paging paging = Paging.from(ctx);
        FindingFilter filter = FindingFilters.from(ctx);
        FindingsJsonPage page = policy.findingsJson(filter, paging.offset(), paging.limit());
        ctx.json(paging.envelope(page.items(), page.total()));
    }

    private void summary(Context ctx) {
        PolicyView policy = policy();
        int limit = Paging.from(ctx).limit();
        Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
        policy.openByStatus().forEach((s, n) -> byStatus.put(s.name(), n));
        List<Map<String, Object>> groups = policy.notCollectedGroups(limit).stream().map(g -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("missing", g.missing());
            m.put("collect", g.collect());
            m.put("resources", g.resourceCount());
            Map<String, Long> byType = new java.util.LinkedHashMap<>();
            g.resources().forEach((t, n) -> byType.put(t.name(), n));
            m.put("resourcesByType", byType);
            m.put("findings", g.findings());
            m.put("checkIds", g.checkIds());
            m.put("text", g.missing() + " not collected: " + g.resourcesText() + " — " + g.collect());
            return m;
        }).toList();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("byStatus", byStatus);
        out.put("notCollected", groups);
        ctx.json(out);
    }

    private void grant(Context ctx) {
        PolicyView policy = policy();
        Map<?, ?> body = JsonBodies.object(ctx, "checkId", "resourceId", "justification", "expiresAt");
        String check = JsonBodies.text(body, "checkId", 256, true);
        String resource = JsonBodies.text(body, "resourceId", 1024, true);
        String justification = JsonBodies.text(body, "justification", MAX_JUSTIFICATION, true);
        Instant expires;
        try {
            expires = Instant.parse(JsonBodies.text(body, "expiresAt", 64, true));
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("field 'expiresAt' must be an ISO-8601 instant");
        }
        if (!expires.isAfter(context.clock().instant())) {
            throw ApiError.invalid("field 'expiresAt' must be in the future");
        }
        RouteGuard.auditDetail(ctx, check + " on " + resource + " until " + expires + ": " + justification);
        try {
            ExceptionGrant grant = policy.grantException(check, resource, justification, expires,
                    RouteGuard.principal(ctx).actor());
            ctx.status(201).json(grant);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
    }

    private void zoneMatrix(Context ctx) {
        FlowsView flows = context.flows().orElseThrow(() -> ApiError.notConfigured(FLOWS));
        Instant since = context.clock().instant().minusSeconds(86_400);
        String text = ctx.queryParam("since");
        if (text != null && !text.isEmpty()) {
            try {
                since = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiError.invalid("query parameter 'since' must be an ISO-8601 instant");
            }
        }
        ctx.json(Map.of("since", since, "cells", flows.zoneMatrix(since)));
    }
}
