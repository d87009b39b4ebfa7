package org.virtguard.server.web;

import java.util.List;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.ListParams;
import org.virtguard.server.api.Paging;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.store.flows.FlowListing;
import org.virtguard.store.flows.StoredFlowEdge;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.security.Role;

/** The stored per-minute flow edges between VMs and between zones: sorted, filtered and paged on the server. */
public final class FlowPages {

    /** The flow list's columns and filters. */
    public static final ListView<StoredFlowEdge> VIEW = new ListView<>("flow-table", "/flows", List.of(
            new ListView.Column<StoredFlowEdge>("Minute", "minute", e -> Html.time(e.minute()),
                    e -> String.valueOf(e.minute()), false),
            ListView.Column.text("Between", null, e -> e.kind().equals("VM") ? "VMs" : "zones"),
            new ListView.Column<StoredFlowEdge>("From", "from", e -> endpoint(e, e.from()), StoredFlowEdge::from, false),
            new ListView.Column<StoredFlowEdge>("To", "to", e -> endpoint(e, e.to()), StoredFlowEdge::to, false),
            ListView.Column.text("Same host", null, e -> e.eastWest() ? "yes" : "no"),
            ListView.Column.number("Flows", "flows", StoredFlowEdge::flows),
            ListView.Column.number("Packets", "packets", StoredFlowEdge::packets),
            new ListView.Column<StoredFlowEdge>("Bytes", "bytes", e -> Html.bytes(e.bytes()),
                    e -> String.valueOf(e.bytes()), true)), List.of(
            new ListView.Field("kind", "Between", List.of("VM", "ZONE")),
            new ListView.Field("filter", "VM or zone name contains", List.of()),
            new ListView.Field("since", "Since (ISO-8601, e.g. 2026-12-07T00:00:00Z)", List.of())));

    private final FlowListing listing;

    public FlowPages(ServerContext context) {
        this.listing = new FlowListing(context.store().jdbi());
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/flows", Access.page(Role.VIEWER), "Flow edges page (sort, dir, kind, filter, since, "
                        + "page, size; format=csv)", this::page),
                ApiRoute.get("/api/v1/flows", Access.read(Role.VIEWER), "Stored per-minute flow edges, newest first; "
                        + "sort (minute, from, to, flows, packets, bytes), dir, kind (VM or ZONE), filter, name (from or "
                        + "to equals), since, eastWest, page/size or offset/limit; format=csv", this::api));
    }

    private static String endpoint(StoredFlowEdge e, String name) {
        return e.kind().equals("VM") ? Html.esc(name) : Html.zoneBadge(name);
    }

    private void page(Context ctx) {
        ListParams p = ListParams.from(ctx, FlowListing.EDGES, ListParams.DEFAULT_SIZE);
        if (ListView.wantsCsv(ctx)) {
            VIEW.csv(ctx, p, listing::page, "flows.csv");
            return;
        }
        ListResult<StoredFlowEdge> rows = p.run(listing::page);
        String intro = "<p class=\"muted\">Traffic per minute between VMs and between trust zones, from the NetFlow, "
                + "IPFIX and sFlow listeners. The <a href=\"/zones\">zone matrix</a> shows which of it the policy "
                + "allows.</p>";
        ctx.html(Layout.page("Flows", "/flows", RouteGuard.principal(ctx), intro + VIEW.render(p, rows,
                p.filters().isEmpty() ? "No flows stored yet: the flow listeners record them as exporters send."
                        : "No flows match.")));
    }

    private void api(Context ctx) {
        ListParams p = ListParams.from(ctx, FlowListing.EDGES, Paging.DEFAULT_LIMIT);
        if (ListView.wantsCsv(ctx)) {
            VIEW.csv(ctx, p, listing::page, "flows.csv");
            return;
        }
        ListResult<StoredFlowEdge> rows = p.run(listing::page);
        ctx.json(p.envelope(rows.items(), rows.total()));
    }
}
