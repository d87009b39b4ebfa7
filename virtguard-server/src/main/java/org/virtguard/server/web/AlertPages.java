package org.virtguard.server.web;

import java.time.Clock;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.virtguard.model.Alert;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.AlertsApi;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.security.Principal;
import org.virtguard.store.Store;
import org.virtguard.store.alerts.AlertStatus;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.store.security.Role;

/** The alerts timeline, with acknowledgement for operators. */
public final class AlertPages {

    private static final int SHOWN = 500;

    private final Store store;
    private final Clock clock;

    public AlertPages(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/alerts", Access.page(Role.VIEWER), "Alerts timeline page", this::render),
                ApiRoute.post("/alerts/{key}/ack", Access.page(Role.OPERATOR), "alert.acknowledge",
                        "Acknowledge an alert (console form)", this::acknowledge));
    }

    private void render(Context ctx) {
        Principal user = RouteGuard.principal(ctx);
        List<StoredAlert> alerts = store.alerts().list(AlertsApi.query(ctx, SHOWN));
        StringBuilder b = new StringBuilder("<form class=\"search\" method=\"get\" action=\"/alerts\">")
                .append("<select name=\"status\" aria-label=\"Status\"><option value=\"\">any status</option>")
                .append("<option value=\"open\">open</option><option value=\"acknowledged\">acknowledged</option>")
                .append("<option value=\"closed\">closed</option></select>")
                .append("<input name=\"kind\" placeholder=\"kind prefix, e.g. auth.\" aria-label=\"Kind\">")
                .append("<button type=\"submit\">Filter</button></form>");
        if (alerts.isEmpty()) {
            b.append("<p class=\"muted\">No alerts. Brute-force, port-scan, segmentation and migration detectors "
                    + "record them here as they fire.</p>");
        }
        b.append("<ol class=\"timeline\">");
        for (StoredAlert s : alerts) {
            Alert a = s.alert();
            b.append("<li class=\"alert-item status-").append(s.status().name().toLowerCase()).append("\">")
                    .append("<div class=\"when\">").append(Html.time(a.lastSeen())).append("</div><div>")
                    .append(Html.severityBadge(a.severity().name())).append(" <strong>").append(Html.esc(a.title()))
                    .append("</strong> <span class=\"muted\">").append(Html.esc(a.kind())).append(" · ")
                    .append(a.count()).append(" events since ").append(Html.time(a.firstSeen())).append(" · ")
                    .append(Html.esc(s.status().name().toLowerCase())).append("</span>");
            if (s.statusNote() != null) {
                b.append("<div class=\"note\">").append(Html.esc(s.statusNote())).append("</div>");
            }
            if (!a.evidence().isEmpty()) {
                b.append("<details><summary>Evidence</summary><pre>");
                a.evidence().forEach(line -> b.append(Html.esc(line)).append('\n'));
                b.append("</pre></details>");
            }
            if (s.status() == AlertStatus.OPEN && user.role().includes(Role.OPERATOR)) {
                b.append("<form class=\"inline\" method=\"post\" action=\"/alerts/").append(Html.seg(a.key()))
                        .append("/ack\">").append(Layout.csrfField(user))
                        .append("<input name=\"note\" maxlength=\"2000\" placeholder=\"note\" aria-label=\"Note\">")
                        .append("<button type=\"submit\">Acknowledge</button></form>");
            }
            b.append("</div></li>");
        }
        b.append("</ol>");
        ctx.html(Layout.page("Alerts", "/alerts", user, b.toString()));
    }

    private void acknowledge(Context ctx) {
        String key = ctx.pathParam("key");
        String note = ctx.formParam("note");
        note = note == null ? "" : note.strip();
        if (note.length() > 2000) {
            throw ApiError.invalid("'note' is longer than 2000 characters");
        }
        Principal p = RouteGuard.principal(ctx);
        if (!store.alerts().setStatus(key, AlertStatus.ACKNOWLEDGED,
                p.username() + (note.isEmpty() ? "" : ": " + note), clock.instant())) {
            throw ApiError.notFound("no alert with key '" + key + "'");
        }
        RouteGuard.auditDetail(ctx, "acknowledged" + (note.isEmpty() ? "" : ": " + note));
        ctx.redirect("/alerts", HttpStatus.SEE_OTHER);
    }
}
