package org.virtguard.server.web;

import java.util.List;
import java.util.function.Supplier;

import io.javalin.http.Context;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.AuditLog;
import org.virtguard.server.audit.AuditCheck;
import org.virtguard.store.security.Role;

/** The audit log page, with the chain's verification status and its comparison with the signed checkpoints. */
public final class AuditPage {

    private static final int SHOWN = 200;

    private final AuditLog audit;
    private final Supplier<AuditCheck> check;

    /**
     * @param check verifies the log (chain and checkpoints) each time the page is shown
     */
    public AuditPage(AuditLog audit, Supplier<AuditCheck> check) {
        this.audit = audit;
        this.check = check;
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/audit", Access.page(Role.VIEWER), "Audit log page", this::render));
    }

    private void render(Context ctx) {
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
