package org.virtguard.server.api;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.javalin.http.Context;
import org.virtguard.response.ActionKind;
import org.virtguard.response.ActionSpec;
import org.virtguard.response.Actor;
import org.virtguard.response.PlannedAction;
import org.virtguard.response.ResponseException;
import org.virtguard.response.ResponseService;
import org.virtguard.server.ServerContext;
import org.virtguard.server.security.Principal;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.StoredAction;
import org.virtguard.store.security.Role;

/**
 * Guarded response over the API: dry-run plans, requests, and decisions. Operators plan and request; only
 * an admin other than the requester approves (two-person rule), and approval carries the action out.
 */
public final class ResponsesApi {

    private static final int MAX_TEXT = 2000;
    private static final int MAX_NAME = 512;
    private static final String[] SPEC_FIELDS = {"action", "vm", "network", "method", "snapshot", "template",
        "reason"};

    private final ServerContext context;

    public ResponsesApi(ServerContext context) {
        this.context = context;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/responses", Access.read(Role.VIEWER),
                        "Response actions, newest first; filter status (pending, executed, failed, rejected, "
                                + "expired, cancelled, executing)", this::list),
                ApiRoute.get("/api/v1/responses/{id}", Access.read(Role.VIEWER),
                        "One response action with its plan, decision and outcome",
                        ctx -> ctx.json(view(service().find(id(ctx)).orElseThrow(
                                () -> ApiError.notFound("no response action #" + ctx.pathParam("id")))))),
                ApiRoute.post("/api/v1/responses/plan", Access.write(Role.OPERATOR), "response.plan",
                        "Dry run: body {\"action\": \"quarantine|release|power-off|revert-snapshot|redeploy\", "
                                + "\"vm\": \"name or id\", \"network\"?, \"snapshot\"?, \"template\"?}; changes nothing",
                        this::plan),
                ApiRoute.post("/api/v1/responses", Access.write(Role.OPERATOR), "response.request",
                        "Request an action (same body as plan, plus \"reason\"); it waits for a second admin",
                        this::request),
                ApiRoute.post("/api/v1/responses/{id}/approve", Access.write(Role.ADMIN), "response.approve",
                        "Approve a pending action and carry it out; body {\"note\": \"...\"}; the requester cannot",
                        this::approve),
                ApiRoute.post("/api/v1/responses/{id}/reject", Access.write(Role.OPERATOR), "response.reject",
                        "Reject a pending action (admin), or withdraw it (requester); body {\"note\": \"...\"}",
                        this::reject));
    }

    /**
     * The API error for a refused response call. When the response service already audited the refusal, the route
     * guard is told to add no second entry.
     */
    public static ApiError error(Context ctx, ResponseException e) {
        if (e.audited()) {
            RouteGuard.refusalAuditedByService(ctx);
        }
        return error(e);
    }

    /** The API error for a refused response call. */
    public static ApiError error(ResponseException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ApiError.notFound(e.getMessage());
            case INVALID -> ApiError.invalid(e.getMessage());
            case FORBIDDEN -> ApiError.forbidden(e.getMessage());
            case CONFLICT -> new ApiError(409, "CONFLICT", e.getMessage());
            case UNAVAILABLE -> new ApiError(503, org.virtguard.model.ErrorCode.SOURCE_UNREACHABLE.name(),
                    e.getMessage());
        };
    }

    /** The acting user as the response service sees them. */
    public static Actor actor(Context ctx) {
        Principal p = RouteGuard.principal(ctx);
        return new Actor(p.username(), p.role().includes(Role.ADMIN), ctx.ip());
    }

    /** A response action as the API and console show it. */
    public static Map<String, Object> view(StoredAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("action", a.request().kind());
        m.put("vm", a.request().vmName());
        m.put("vmId", a.request().vmId());
        m.put("source", a.request().sourceId());
        m.put("status", a.status().name().toLowerCase(Locale.ROOT));
        m.put("destructive", a.request().destructive());
        m.put("parameters", a.request().parameters());
        m.put("plan", a.request().plan());
        m.put("reason", a.request().reason());
        m.put("trigger", a.request().trigger());
        m.put("requestedBy", a.request().requestedBy());
        m.put("requestedAt", a.request().requestedAt().toString());
        m.put("expiresAt", a.request().expiresAt().toString());
        m.put("decidedBy", a.decidedBy());
        m.put("decidedAt", a.decidedAt() == null ? null : a.decidedAt().toString());
        m.put("decisionNote", a.decisionNote());
        m.put("finishedAt", a.finishedAt() == null ? null : a.finishedAt().toString());
        m.put("outcome", a.outcome());
        return m;
    }

    private ResponseService service() {
        return context.response().orElseThrow(() -> ApiError.notConfigured("guarded response"));
    }

    private void list(Context ctx) {
        service();
        if (ctx.queryParam("status") == null || ctx.queryParam("sort") != null || ctx.queryParam("page") != null
                || ctx.queryParam("filter") != null || "csv".equalsIgnoreCase(ctx.queryParam("format"))) {
            ListParams p = ListParams.from(ctx, org.virtguard.store.response.ResponseListing.ACTIONS, Paging.DEFAULT_LIMIT);
            var listing = new org.virtguard.store.response.ResponseListing(context.store().jdbi());
            if ("csv".equalsIgnoreCase(ctx.queryParam("format"))) {
                org.virtguard.server.web.ResponsePages.HISTORY.csv(ctx, p, listing::page, "responses.csv");
                return;
            }
            var rows = p.run(listing::page);
            ctx.json(p.envelope(rows.items().stream().map(ResponsesApi::view).toList(), rows.total()));
            return;
        }
        Paging paging = Paging.from(ctx);
        Set<ActionStatus> statuses = EnumSet.noneOf(ActionStatus.class);
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            try {
                statuses.add(ActionStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("query parameter 'status' must be one of " + List.of(ActionStatus.values())
                        .stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
        ctx.json(Map.of("items", service().list(statuses, paging.limit()).stream().map(ResponsesApi::view).toList()));
    }

    private void plan(Context ctx) {
        ResponseService service = service();
        ActionSpec spec = spec(JsonBodies.object(ctx, SPEC_FIELDS));
        try {
            PlannedAction planned = service.plan(spec, actor(ctx));
            RouteGuard.auditedByService(ctx);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", planned.action().kind());
            m.put("vm", planned.vm().vm().name());
            m.put("vmId", planned.vm().vm().id());
            m.put("source", planned.vm().sourceId());
            m.put("destructive", planned.action().destructive());
            m.put("plan", planned.steps());
            ctx.json(m);
        } catch (ResponseException e) {
            throw error(ctx, e);
        }
    }

    private void request(Context ctx) {
        ResponseService service = service();
        ActionSpec spec = spec(JsonBodies.object(ctx, SPEC_FIELDS));
        try {
            StoredAction a = service.request(spec, actor(ctx));
            RouteGuard.auditedByService(ctx);
            ctx.status(201).json(view(a));
        } catch (ResponseException e) {
            throw error(ctx, e);
        }
    }

    private void approve(Context ctx) {
        ResponseService service = service();
        String note = JsonBodies.text(JsonBodies.object(ctx, "note"), "note", MAX_TEXT, false);
        try {
            StoredAction approved = service.approve(id(ctx), actor(ctx), note);
            RouteGuard.auditedByService(ctx);
            ctx.json(view(approved));
        } catch (ResponseException e) {
            throw error(ctx, e);
        }
    }

    private void reject(Context ctx) {
        ResponseService service = service();
        String note = JsonBodies.text(JsonBodies.object(ctx, "note"), "note", MAX_TEXT, false);
        try {
            StoredAction rejected = service.reject(id(ctx), actor(ctx), note);
            RouteGuard.auditedByService(ctx);
            ctx.json(view(rejected));
        } catch (ResponseException e) {
            throw error(ctx, e);
        }
    }

    /** The action spec of a JSON body or form. */
    public static ActionSpec spec(Map<?, ?> body) {
        String action = JsonBodies.text(body, "action", 32, true);
        try {
            ActionKind.parse(action);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : List.of("network", "method", "snapshot", "template")) {
            String value = JsonBodies.text(body, key, MAX_NAME, false);
            if (value != null) {
                options.put(key, value);
            }
        }
        return new ActionSpec(action, JsonBodies.text(body, "vm", MAX_NAME, true), options,
                JsonBodies.text(body, "reason", MAX_TEXT, false));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("no response action #" + ctx.pathParam("id"));
        }
    }
}
