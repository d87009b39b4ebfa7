package org.virtguard.server.web;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.ListParams;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.security.Principal;
import org.virtguard.store.Store;
import org.virtguard.store.alerts.AlertListing;
import org.virtguard.store.alerts.AlertStatus;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.security.Role;

/** The alerts list (sorted, filtered and paged on the server, CSV export), with acknowledgement for operators. */
public final class AlertPages {

    private final Store store;
    private final Clock clock;
    private final AlertListing listing;

    public AlertPages(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.listing = new AlertListing(store.jdbi());
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/alerts", Access.page(Role.VIEWER), "Alerts page (sort, dir, filter, severity, kind, "
                        + "status, page, size; format=csv)", this::render),
                ApiRoute.post("/alerts/{key}/ack", Access.page(Role.OPERATOR), "alert.acknowledge",
                        "Acknowledge an alert (console form)", this::acknowledge));
    }

    /** The alert list's columns; {@code user} decides whether rows carry the acknowledge form. */
    static List<ListView.Column<StoredAlert>> columns(Principal user) {
        return List.of(
                new ListView.Column<>("Last seen", "lastSeen", s -> Html.time(s.alert().lastSeen()),
                        s -> String.valueOf(s.alert().lastSeen()), false),
                new ListView.Column<>("Severity", "severity", s -> Html.severityBadge(s.alert().severity().name()),
                        s -> s.alert().severity().name(), false),
                new ListView.Column<>("Alert", "title", AlertPages::titleCell, s -> s.alert().title(), false),
                ListView.Column.text("Kind", "kind", s -> s.alert().kind()),
                ListView.Column.number("Events", "count", s -> s.alert().count()),
                new ListView.Column<>("First seen", "firstSeen", s -> Html.time(s.alert().firstSeen()),
                        s -> String.valueOf(s.alert().firstSeen()), false),
                new ListView.Column<>("Status", "status", s -> statusCell(s, user),
                        s -> s.status().name().toLowerCase(java.util.Locale.ROOT)
                                + (s.statusNote() == null ? "" : ": " + s.statusNote()), false));
    }

    private static String titleCell(StoredAlert s) {
        Alert a = s.alert();
        StringBuilder b = new StringBuilder("<strong>").append(Html.esc(a.title())).append("</strong>");
        endpoint(b, "from", a.source());
        endpoint(b, "to", a.target());
        if (!a.attributes().isEmpty()) {
            b.append("<dl class=\"facts small\">");
            new java.util.TreeMap<>(a.attributes()).forEach((k, v) -> b.append("<dt>").append(Html.esc(k))
                    .append("</dt><dd>").append(Html.esc(v)).append("</dd>"));
            b.append("</dl>");
        }
        if (!a.evidence().isEmpty()) {
            b.append("<details><summary>Evidence (").append(a.evidence().size()).append(")</summary><pre>");
            a.evidence().forEach(line -> b.append(Html.esc(line)).append('\n'));
            b.append("</pre></details>");
        }
        return b.toString();
    }

    private static void endpoint(StringBuilder b, String label, org.virtguard.model.Endpoint e) {
        if (e == null) {
            return;
        }
        b.append("<div class=\"muted\">").append(label).append(' ');
        if (e.vmId() != null) {
            b.append("VM ").append(Links.vm(e.vmId(), e.vmName())).append(' ');
        }
        if (e.hostId() != null) {
            b.append("host ").append(Links.host(e.hostId(), e.hostName())).append(' ');
        }
        if (e.address() != null) {
            b.append(Html.esc(e.address()));
        }
        if (e.zone() != null) {
            b.append(' ').append(Html.zoneBadge(e.zone().name()));
        }
        b.append("</div>");
    }

    private static String statusCell(StoredAlert s, Principal user) {
        StringBuilder b = new StringBuilder(Html.esc(s.status().name().toLowerCase(java.util.Locale.ROOT)));
        if (s.statusNote() != null) {
            b.append("<div class=\"note\">").append(Html.esc(s.statusNote())).append("</div>");
        }
        if (user != null && s.status() == AlertStatus.OPEN && user.role().includes(Role.OPERATOR)) {
            b.append("<form class=\"inline\" method=\"post\" action=\"/alerts/").append(Html.seg(s.alert().key()))
                    .append("/ack\">").append(Layout.csrfField(user))
                    .append("<input name=\"note\" maxlength=\"2000\" placeholder=\"note\" aria-label=\"Note\">")
                    .append("<button type=\"submit\">Acknowledge</button></form>");
        }
        return b.toString();
    }

    /** The list as the API's CSV export writes it (no forms). */
    public static ListView<StoredAlert> csvView() {
        return view(null);
    }

    static ListView<StoredAlert> view(Principal user) {
        return new ListView<>("alert-table", "/alerts", columns(user), List.of(
                new ListView.Field("filter", "Title, kind or key", List.of()),
                new ListView.Field("severity", "Severity at least", Arrays.stream(Severity.values()).map(Enum::name).toList()),
                new ListView.Field("status", "Status", Arrays.stream(AlertStatus.values()).map(Enum::name).toList()),
                new ListView.Field("kind", "Kind prefix, e.g. auth.", List.of())))
                .rowClass(s -> "alert-item status-" + s.status().name().toLowerCase(java.util.Locale.ROOT));
    }

    private void render(Context ctx) {
        Principal user = RouteGuard.principal(ctx);
        ListParams p = ListParams.from(ctx, AlertListing.ALERTS, ListParams.DEFAULT_SIZE);
        ListView<StoredAlert> view = view(user);
        if (ListView.wantsCsv(ctx)) {
            view.csv(ctx, p, listing::page, "alerts.csv");
            return;
        }
        ListResult<StoredAlert> rows = p.run(listing::page);
        String empty = p.filters().isEmpty()
                ? "No alerts. Brute-force, port-scan, segmentation and migration detectors record them here as they fire."
                : "No alerts match.";
        ctx.html(Layout.page("Alerts", "/alerts", user, view.render(p, rows, empty)));
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
