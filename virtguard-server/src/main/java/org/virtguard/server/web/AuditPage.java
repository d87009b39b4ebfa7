package org.virtguard.server.web;

import java.util.List;

import io.javalin.http.Context;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.AuditLog;
import org.virtguard.store.security.AuditVerification;
import org.virtguard.store.security.Role;

/** The audit log page, with the chain's verification status. */
public final class AuditPage {

    private static final int SHOWN = 200;

    private final AuditLog audit;

    public AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/audit", Access.page(Role.VIEWER), "Audit log page", this::render));
    }

    private void render(Context ctx) {
        AuditVerification v = audit.verify();
        StringBuilder b = new StringBuilder();
        if (v.valid()) {
            b.append("<div class=\"notice ok\" id=\"chain-status\">Hash chain verified: ").append(v.entriesChecked())
                    .append(" entries intact. Head <code>").append(Html.esc(v.headHash())).append("</code></div>");
        } else {
            b.append("<div class=\"notice bad\" id=\"chain-status\" role=\"alert\"><strong>Hash chain broken</strong> at entry ")
                    .append(v.firstBadSeq()).append(": ").append(Html.esc(v.problem())).append("</div>");
        }
        b.append("<table class=\"list\" id=\"audit-table\"><thead><tr><th>#</th><th>When</th><th>Actor</th><th>Action</th>")
                .append("<th>Target</th><th>Outcome</th><th>From</th><th>Detail</th></tr></thead><tbody>");
        for (AuditEntry e : audit.list(0, SHOWN)) {
            b.append("<tr class=\"outcome-").append(Html.esc(e.record().outcome())).append("\"><td class=\"num\">")
                    .append(e.seq()).append("</td><td>").append(Html.time(e.at())).append("</td><td>")
                    .append(Html.esc(e.record().actor())).append("</td><td>").append(Html.esc(e.record().action()))
                    .append("</td><td>").append(Html.esc(e.record().target())).append("</td><td>")
                    .append(Html.esc(e.record().outcome())).append("</td><td>").append(Html.esc(e.record().remoteAddress()))
                    .append("</td><td>").append(Html.esc(e.record().detail())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        ctx.html(Layout.page("Audit log", "/audit", RouteGuard.principal(ctx), b.toString()));
    }
}
