package org.virtguard.server.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.virtguard.model.Severity;
import org.virtguard.server.ServerContext;
import org.virtguard.server.security.Principal;
import org.virtguard.store.alerts.AlertListing;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.AlertStatus;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.store.security.Role;

/** Alerts: list with filters, one alert, acknowledge, close. */
public final class AlertsApi {

    private static final int MAX_NOTE = 2000;

    private final ServerContext context;
    private final AlertListing listing;

    public AlertsApi(ServerContext context) {
        this.context = context;
        this.listing = new AlertListing(context.store().jdbi());
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/alerts", Access.read(Role.VIEWER),
                        "Alerts, most recently seen first; sort (lastSeen, firstSeen, severity, count, kind, status, title), dir, "
                                + "filter, severity (minimum), kind (prefix), status, since, vm, page/size or offset/limit; "
                                + "format=csv",
                        this::list),
                ApiRoute.get("/api/v1/alerts/{key}", Access.read(Role.VIEWER), "One alert with its evidence",
                        ctx -> ctx.json(find(ctx.pathParam("key")))),
                ApiRoute.post("/api/v1/alerts/{key}/ack", Access.write(Role.OPERATOR), "alert.acknowledge",
                        "Acknowledge an alert; body {\"note\": \"...\"}", ctx -> setStatus(ctx, AlertStatus.ACKNOWLEDGED)),
                ApiRoute.post("/api/v1/alerts/{key}/close", Access.write(Role.OPERATOR), "alert.close",
                        "Close an alert; body {\"note\": \"...\"}", ctx -> setStatus(ctx, AlertStatus.CLOSED)));
    }

    /** The alert query of a request's filter parameters. */
    public static AlertQuery query(Context ctx, int limit) {
        Severity severity = null;
        AlertStatus status = null;
        Instant since = null;
        try {
            String s = ctx.queryParam("severity");
            severity = s == null || s.isEmpty() ? null : Severity.parse(s);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("query parameter 'severity': " + e.getMessage());
        }
        String st = ctx.queryParam("status");
        if (st != null && !st.isEmpty()) {
            try {
                status = AlertStatus.valueOf(st.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("query parameter 'status' must be open, acknowledged or closed");
            }
        }
        String sinceText = ctx.queryParam("since");
        if (sinceText != null && !sinceText.isEmpty()) {
            try {
                since = Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                throw ApiError.invalid("query parameter 'since' must be an ISO-8601 instant");
            }
        }
        String kind = ctx.queryParam("kind");
        if (kind != null && (kind.isEmpty() || kind.length() > 128)) {
            kind = null;
        }
        return new AlertQuery(severity, kind, since, status, limit);
    }

    private void list(Context ctx) {
        ListParams p = ListParams.from(ctx, AlertListing.ALERTS, Paging.DEFAULT_LIMIT);
        if ("csv".equalsIgnoreCase(ctx.queryParam("format"))) {
            org.virtguard.server.web.AlertPages.csvView().csv(ctx, p, listing::page, "alerts.csv");
            return;
        }
        var rows = p.run(listing::page);
        ctx.json(p.envelope(rows.items(), rows.total()));
    }

    private StoredAlert find(String key) {
        return context.store().alerts().find(key).orElseThrow(() -> ApiError.notFound("no alert with key '" + key + "'"));
    }

    private void setStatus(Context ctx, AlertStatus status) {
        String key = ctx.pathParam("key");
        String note = note(ctx);
        Principal p = RouteGuard.principal(ctx);
        String recorded = p.username() + (note.isEmpty() ? "" : ": " + note);
        if (!context.store().alerts().setStatus(key, status, recorded, context.clock().instant())) {
            throw ApiError.notFound("no alert with key '" + key + "'");
        }
        RouteGuard.auditDetail(ctx, status.name().toLowerCase() + (note.isEmpty() ? "" : ": " + note));
        ctx.json(find(key));
    }

    static String note(Context ctx) {
        String note;
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/json") && !ctx.body().isBlank()) {
            String value = JsonBodies.text(JsonBodies.object(ctx, "note"), "note", MAX_NOTE, false);
            note = value == null ? "" : value;
        } else {
            note = ctx.formParam("note");
        }
        note = note == null ? "" : note.strip();
        if (note.length() > MAX_NOTE) {
            throw ApiError.invalid("'note' is longer than " + MAX_NOTE + " characters");
        }
        return note;
    }
}
