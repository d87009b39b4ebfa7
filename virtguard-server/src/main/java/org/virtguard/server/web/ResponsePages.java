package org.virtguard.server.web;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.virtguard.response.ActionKind;
import org.virtguard.response.ResponseException;
import org.virtguard.response.ResponseService;
import org.virtguard.server.ServerContext;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.ResponsesApi;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.security.Principal;
import org.virtguard.server.api.ListParams;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.ResponseListing;
import org.virtguard.store.response.StoredAction;
import org.virtguard.store.security.Role;

/** Guarded response in the console: pending approvals, the request form, and the history of actions. */
public final class ResponsePages {

    private static final int SHOWN = 200;

    private final ServerContext context;
    private final Flash flash;
    private final ResponseListing listing;

    /** Every action, as the page's history list and the CSV export show it. */
    public static final ListView<StoredAction> HISTORY = new ListView<>("action-history", "/responses", List.of(
            ListView.Column.number("#", "id", StoredAction::id),
            new ListView.Column<StoredAction>("Requested", "requested", a -> Html.time(a.request().requestedAt()),
                    a -> String.valueOf(a.request().requestedAt()), false),
            ListView.Column.text("Action", "kind", a -> a.request().kind()),
            new ListView.Column<StoredAction>("VM", "vm", a -> Links.vm(a.request().vmId(), a.request().vmName()),
                    a -> a.request().vmName(), false),
            ListView.Column.text("Status", "status", a -> a.status().name().toLowerCase(Locale.ROOT)),
            ListView.Column.text("Requested by", null, a -> a.request().requestedBy()),
            ListView.Column.text("Decided by", null, StoredAction::decidedBy),
            ListView.Column.text("Reason", null, a -> a.request().reason()),
            new ListView.Column<StoredAction>("Outcome", null, a -> a.outcome().isEmpty() ? ""
                    : "<details><summary>" + a.outcome().size() + " lines</summary><pre>"
                    + Html.esc(String.join("\n", a.outcome())) + "</pre></details>",
                    a -> String.join(" | ", a.outcome()), false)), List.of(
            new ListView.Field("filter", "VM, requester or reason", List.of()),
            new ListView.Field("status", "Status", java.util.Arrays.stream(ActionStatus.values()).map(Enum::name).toList())))
            .rowClass(a -> "status-" + a.status().name().toLowerCase(Locale.ROOT));

    public ResponsePages(ServerContext context) {
        this.context = context;
        this.flash = new Flash(context.clock());
        this.listing = new ResponseListing(context.store().jdbi());
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/responses", Access.page(Role.VIEWER), "Response actions page", this::render),
                ApiRoute.post("/responses", Access.page(Role.OPERATOR), "response.request",
                        "Request a response action (console form)", this::request),
                ApiRoute.post("/responses/{id}/approve", Access.page(Role.ADMIN), "response.approve",
                        "Approve and carry out a pending action (console form)", ctx -> decide(ctx, true)),
                ApiRoute.post("/responses/{id}/reject", Access.page(Role.OPERATOR), "response.reject",
                        "Reject or withdraw a pending action (console form)", ctx -> decide(ctx, false)));
    }

    private void render(Context ctx) {
        Principal user = RouteGuard.principal(ctx);
        if (ListView.wantsCsv(ctx)) {
            HISTORY.csv(ctx, ListParams.from(ctx, ResponseListing.ACTIONS, ListParams.DEFAULT_SIZE), listing::page,
                    "responses.csv");
            return;
        }
        Optional<ResponseService> service = context.response();
        if (service.isEmpty()) {
            ctx.html(Layout.page("Responses", "/responses", user, Layout.notConfigured("Guarded response",
                    "run the service with --response-policy FILE to plan, approve and carry out actions")));
            return;
        }
        service.get().expireOverdue();
        StringBuilder b = new StringBuilder();
        flash.take(user).ifPresent(error ->
                b.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>"));
        List<StoredAction> pending = service.get().list(EnumSet.of(ActionStatus.PENDING), SHOWN);
        b.append("<h2>Waiting for approval (").append(pending.size()).append(")</h2>");
        if (pending.isEmpty()) {
            b.append("<p class=\"muted\">Nothing waits for approval.</p>");
        }
        b.append("<ol class=\"timeline\" id=\"pending-actions\">");
        pending.forEach(a -> item(b, a, user));
        b.append("</ol>");
        if (user.role().includes(Role.OPERATOR)) {
            requestForm(b, user);
        }
        ListParams p = ListParams.from(ctx, ResponseListing.ACTIONS, ListParams.DEFAULT_SIZE);
        b.append("<h2>All actions</h2>");
        b.append(HISTORY.render(p, p.run(listing::page), p.filters().isEmpty() ? "No actions yet." : "No actions match."));
        ctx.html(Layout.page("Responses", "/responses", user, b.toString()));
    }

    private static void item(StringBuilder b, StoredAction a, Principal user) {
        String status = a.status().name().toLowerCase(Locale.ROOT);
        b.append("<li class=\"alert-item status-").append(status).append("\" data-action-id=\"").append(a.id())
                .append("\"><div class=\"when\">").append(Html.time(a.request().requestedAt())).append("</div><div>")
                .append("<strong>#").append(a.id()).append(' ').append(Html.esc(a.request().kind())).append(' ')
                .append(Html.esc(a.request().vmName())).append("</strong>")
                .append(a.request().destructive() ? " <span class=\"badge sev-high\">destructive</span>" : "")
                .append(" <span class=\"muted\">").append(Html.esc(status)).append(" · requested by ")
                .append(Html.esc(a.request().requestedBy()));
        if (a.status() == ActionStatus.PENDING) {
            b.append(" · expires ").append(Html.time(a.request().expiresAt()));
        } else if (a.decidedBy() != null) {
            b.append(" · decided by ").append(Html.esc(a.decidedBy()));
        }
        b.append("</span>");
        if (a.request().reason() != null) {
            b.append("<div class=\"note\">").append(Html.esc(a.request().reason())).append("</div>");
        }
        b.append("<details").append(a.status() == ActionStatus.PENDING ? " open" : "").append("><summary>Plan</summary><pre>");
        a.request().plan().forEach(line -> b.append(Html.esc(line)).append('\n'));
        b.append("</pre></details>");
        if (!a.outcome().isEmpty()) {
            b.append("<details><summary>Outcome</summary><pre>");
            a.outcome().forEach(line -> b.append(Html.esc(line)).append('\n'));
            b.append("</pre></details>");
        }
        if (a.status() == ActionStatus.PENDING) {
            boolean requester = user.username().equalsIgnoreCase(a.request().requestedBy());
            if (user.role().includes(Role.ADMIN) && !requester) {
                decisionForm(b, a, user, "approve", "Approve and run");
            }
            if (requester || user.role().includes(Role.ADMIN)) {
                decisionForm(b, a, user, "reject", requester ? "Withdraw" : "Reject");
            }
            if (requester) {
                b.append("<p class=\"muted\">You requested this action: another admin must approve it.</p>");
            }
        }
        b.append("</div></li>");
    }

    private static void decisionForm(StringBuilder b, StoredAction a, Principal user, String verb, String label) {
        b.append("<form class=\"inline\" method=\"post\" action=\"/responses/").append(a.id()).append('/')
                .append(verb).append("\">").append(Layout.csrfField(user))
                .append("<input name=\"note\" maxlength=\"2000\" placeholder=\"note\" aria-label=\"Note\">")
                .append("<button type=\"submit\" name=\"decision\" value=\"").append(verb).append("\">")
                .append(label).append("</button></form>");
    }

    private static void requestForm(StringBuilder b, Principal user) {
        b.append("<h2>Request an action</h2><form class=\"search\" method=\"post\" action=\"/responses\" "
                + "id=\"request-action\">").append(Layout.csrfField(user))
                .append("<select name=\"action\" aria-label=\"Action\">");
        for (String id : ActionKind.ids()) {
            b.append("<option value=\"").append(id).append("\">").append(id).append("</option>");
        }
        b.append("</select><input name=\"vm\" required maxlength=\"512\" placeholder=\"VM name or id\" "
                        + "aria-label=\"VM\">")
                .append("<input name=\"network\" maxlength=\"512\" placeholder=\"quarantine network (policy default)\" "
                        + "aria-label=\"Network\">")
                .append("<input name=\"snapshot\" maxlength=\"512\" placeholder=\"snapshot (policy default)\" "
                        + "aria-label=\"Snapshot\">")
                .append("<input name=\"template\" maxlength=\"512\" placeholder=\"template (policy default)\" "
                        + "aria-label=\"Template\">")
                .append("<input name=\"reason\" maxlength=\"2000\" placeholder=\"reason\" aria-label=\"Reason\">")
                .append("<button type=\"submit\">Plan and request</button></form>");
    }

    private void request(Context ctx) {
        ResponseService service = context.response().orElseThrow(() -> ApiError.notConfigured("guarded response"));
        Map<String, String> form = new HashMap<>();
        for (String key : List.of("action", "vm", "network", "snapshot", "template", "reason")) {
            String value = ctx.formParam(key);
            if (value != null) {
                form.put(key, value);
            }
        }
        try {
            service.request(ResponsesApi.spec(form), ResponsesApi.actor(ctx));
            RouteGuard.auditedByService(ctx);
            ctx.redirect("/responses", HttpStatus.SEE_OTHER);
        } catch (ResponseException e) {
            refused(ctx, e);
        }
    }

    private void refused(Context ctx, ResponseException e) {
        if (e.audited()) {
            RouteGuard.refusalAuditedByService(ctx);
        }
        RouteGuard.failed(ctx, e.reason() + ": " + e.getMessage());
        flash.put(RouteGuard.principal(ctx), e.getMessage());
        ctx.redirect("/responses", HttpStatus.SEE_OTHER);
    }

    private void decide(Context ctx, boolean approve) {
        ResponseService service = context.response().orElseThrow(() -> ApiError.notConfigured("guarded response"));
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("no response action #" + ctx.pathParam("id"));
        }
        String note = ctx.formParam("note");
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > 2000) {
            throw ApiError.invalid("'note' is longer than 2000 characters");
        }
        try {
            if (approve) {
                service.approve(id, ResponsesApi.actor(ctx), note);
            } else {
                service.reject(id, ResponsesApi.actor(ctx), note);
            }
            RouteGuard.auditedByService(ctx);
            ctx.redirect("/responses", HttpStatus.SEE_OTHER);
        } catch (ResponseException e) {
            refused(ctx, e);
        }
    }
}
