package org.virtguard.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.Role;

/** The audit log: entries newest first with a sequence cursor, and chain verification. */
public final class AuditApi {

    private final ServerContext context;

    public AuditApi(ServerContext context) {
        this.context = context;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/audit", Access.read(Role.VIEWER),
                        "Audit entries newest first; cursor=<seq> continues below that entry, limit<=1000; or sort (seq, at, "
                                + "actor, action, outcome), dir, filter, actor, action (prefix), outcome, page/size; "
                                + "format=csv", this::list),
                ApiRoute.get("/api/v1/audit/verify", Access.read(Role.VIEWER),
                        "Re-computes the hash chain (valid=false names the first tampered, missing or reordered entry) "
                                + "and compares it with the signed checkpoints kept outside the store: status is "
                                + "intact, chain-broken, entries-changed, entries-missing (firstChangedSeq, "
                                + "firstMissingSeq name where), checkpoint-invalid or unanchored",
                        ctx -> ctx.json(context.auditCheck())));
    }

    private void list(Context ctx) {
        if (ctx.queryParam("cursor") == null) {
            ListParams p = ListParams.from(ctx, org.virtguard.store.security.AuditListing.ENTRIES, Paging.DEFAULT_LIMIT);
            if ("csv".equalsIgnoreCase(ctx.queryParam("format"))) {
                org.virtguard.server.web.AuditPage.VIEW.csv(ctx, p, context.security().audit().listing()::page, "audit.csv");
                return;
            }
            var rows = p.run(context.security().audit().listing()::page);
            Map<String, Object> body = p.envelope(rows.items(), rows.total());
            long last = rows.items().isEmpty() ? 0 : rows.items().get(rows.items().size() - 1).seq();
            body.put("nextCursor", p.sort() == null && rows.items().size() == p.size() && last > 1 ? String.valueOf(last) : null);
            ctx.json(body);
            return;
        }
        int limit = Paging.intParam(ctx, "limit", Paging.DEFAULT_LIMIT, 1, Paging.MAX_LIMIT);
        String cursor = ctx.queryParam("cursor");
        long before = 0;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiError.invalid("query parameter 'cursor' must be an entry sequence number");
            }
        }
        List<AuditEntry> entries = context.security().audit().list(before, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", entries);
        body.put("total", context.security().audit().count());
        body.put("limit", limit);
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        body.put("nextCursor", entries.size() == limit && last > 1 ? String.valueOf(last) : null);
        ctx.json(body);
    }
}
