package org.virtguard.server.web;

import java.util.List;
import java.util.function.Supplier;

import io.javalin.http.Context;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.server.api.ListParams;
import org.virtguard.store.security.AuditListing;
import org.virtguard.store.security.AuditLog;
import org.virtguard.server.audit.AuditCheck;
import org.virtguard.store.security.Role;

/** The audit log page, with the chain's verification status and its comparison with the signed checkpoints. */
public final class AuditPage {

    /** The audit list's columns, for the page and for the API's CSV export. */
    public static final ListView<AuditEntry> VIEW = new ListView<>("audit-table", "/audit", List.of(
            ListView.Column.number("#", "seq", AuditEntry::seq),
            new ListView.Column<AuditEntry>("When", "at", e -> Html.time(e.at()), e -> String.valueOf(e.at()), false),
            ListView.Column.text("Actor", "actor", e -> e.record().actor()),
            ListView.Column.text("Action", "action", e -> e.record().action()),
            ListView.Column.text("Target", null, e -> e.record().target()),
            ListView.Column.text("Outcome", "outcome", e -> e.record().outcome()),
            ListView.Column.text("From", null, e -> e.record().remoteAddress()),
            ListView.Column.text("Detail", null, e -> e.record().detail())), List.of(
            new ListView.Field("filter", "Actor, action, target or detail", List.of()),
            new ListView.Field("actor", "Actor (exact)", List.of()),
            new ListView.Field("action", "Action prefix, e.g. session.", List.of())))
            .rowClass(e -> "outcome-" + e.record().outcome());

    private final AuditListing listing;

    private final AuditLog audit;
    private final Supplier<AuditCheck> check;

    /**
     * @param check verifies the log (chain and checkpoints) each time the page is shown
     */
    public AuditPage(AuditLog audit, Supplier<AuditCheck> check) {
        this.audit = audit;
        this.check = check;
        this.listing = audit.listing();
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/audit", Access.page(Role.VIEWER), "Audit log page", this::render));
    }

    private void render(Context ctx) {
        if (ListView.wantsCsv(ctx)) {
            ListParams p = ListParams.from(ctx, AuditListing.ENTRIES, ListParams.DEFAULT_SIZE);
            VIEW.csv(ctx, p, listing::page, "audit.csv");
            return;
        }
        AuditCheck v = check.get();
        StringBuilder b = new StringBuilder();
        if (!v.valid()) {
            b.append("<div class=\"notice bad\" id=\"chain-status\" role=\"alert\"><strong>Hash chain broken</strong> at entry ")
                    .append(v.firstBadSeq()).append(": ").append(Html.esc(v.problem())).append("</div>");
        } else {
            b.append("<div class=\"notice ok\" id=\"chain-status\">Hash chain verified: ").append(v.entriesChecked())
                    .append(" entries intact. Head <code>").append(Html.esc(v.headHash())).append("</code></div>");
        }
        String anchor = v.intact() ? "ok" : v.firstMissingSeq() > 0 || v.firstChangedSeq() > 0 ? "bad" : "warn";
        b.append("<div class=\"notice ").append(anchor).append("\" id=\"checkpoint-status\"")
                .append(anchor.equals("ok") ? "" : " role=\"alert\"").append("><strong>Checkpoints: ")
                .append(Html.esc(v.status())).append("</strong>");
        if (v.firstMissingSeq() > 0) {
            b.append(" &mdash; entries missing from entry <span id=\"first-missing\">").append(v.firstMissingSeq())
                    .append("</span> on");
        }
        if (v.firstChangedSeq() > 0) {
            b.append(" &mdash; entries changed from entry <span id=\"first-changed\">").append(v.firstChangedSeq())
                    .append("</span> on");
        }
        b.append(". ").append(Html.esc(v.message())).append("</div>");
        ListParams p = ListParams.from(ctx, AuditListing.ENTRIES, ListParams.DEFAULT_SIZE);
        b.append(VIEW.render(p, p.run(listing::page), "No entries match."));
        ctx.html(Layout.page("Audit log", "/audit", RouteGuard.principal(ctx), b.toString()));
    }
}
