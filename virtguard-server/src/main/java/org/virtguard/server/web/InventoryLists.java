package org.virtguard.server.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.javalin.http.Context;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.PowerState;
import org.virtguard.server.ServerContext;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.ListParams;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.query.InventoryQueries;
import org.virtguard.server.query.VmSummary;
import org.virtguard.store.InventoryListing;
import org.virtguard.store.SearchHit;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.security.Role;

/**
 * The inventory's lists, in the console and the API alike: VMs, hosts and networks sorted, filtered and paged in
 * the database with a CSV export of the current filter, a network page, and the search over VMs, hosts,
 * networks, MACs and addresses that the header's search box submits.
 */
public final class InventoryLists {

    private static final int SEARCH_PER_KIND = 20;
    private static final int NETWORK_VMS = 50;

    private final ServerContext context;
    private final InventoryQueries queries;
    private final InventoryListing listing;
    private final ListView<VmSummary> vms;
    private final ListView<StoredHost> hosts;
    private final ListView<StoredNetwork> networks;

    public InventoryLists(ServerContext context, InventoryQueries queries) {
        this.context = context;
        this.queries = queries;
        this.listing = new InventoryListing(context.store().jdbi());
        this.vms = new ListView<>("vm-table", "/inventory", vmColumns(), List.of(
                new ListView.Field("filter", "Name, id, host, MAC or network", List.of()),
                new ListView.Field("power", "Power", Arrays.stream(PowerState.values()).map(Enum::name).toList()),
                new ListView.Field("network", "Network (exact name)", List.of())));
        this.hosts = new ListView<>("host-table", "/hosts", hostColumns(), List.of(
                new ListView.Field("filter", "Name, id or version", List.of())));
        this.networks = new ListView<>("network-table", "/networks", networkColumns(), List.of(
                new ListView.Field("filter", "Name, id or switch", List.of()),
                new ListView.Field("kind", "Kind", Arrays.stream(NetworkKind.values()).map(Enum::name).toList())));
    }

    public List<ApiRoute> routes() {
        Access page = Access.page(Role.VIEWER);
        Access api = Access.read(Role.VIEWER);
        return List.of(
                ApiRoute.get("/inventory", page, "VM list page (sort, dir, filter, power, network, host, page, size; "
                        + "format=csv)", this::vmPage),
                ApiRoute.get("/hosts", page, "Host list page", this::hostPage),
                ApiRoute.get("/networks", page, "Network list page", this::networkPage),
                ApiRoute.get("/networks/{id}", page, "Network page", this::network),
                ApiRoute.get("/search", page, "Inventory search page", this::searchPage),
                ApiRoute.get("/api/v1/vms", api, "Current VMs; sort (name, host, power, source, firstSeen, lastSeen), "
                        + "dir, filter (or q: name, id, host, MAC, network), power, network, host, source, page/size or "
                        + "offset/limit; format=csv exports the filtered list", this::vmApi),
                ApiRoute.get("/api/v1/hosts", api, "Current hosts; sort (name, version, cluster, site, source, "
                        + "firstSeen, lastSeen), dir, filter, source, cluster, site, page/size; format=csv", this::hostApi),
                ApiRoute.get("/api/v1/networks", api, "Current networks; sort (name, kind, host, switch, source), dir, "
                        + "filter, kind, host, page/size; format=csv", this::networkApi),
                ApiRoute.get("/api/v1/search", api, "VMs, hosts, networks, MACs and guest addresses matching q "
                        + "(at most 20 of each kind)", this::searchApi));
    }

    // VMs

    private ListResult<VmSummary> vmRows(ListRequest request) {
        ListResult<org.virtguard.store.StoredVm> page = listing.vms(request);
        Map<String, String> hostNames = queries.hostNames();
        return new ListResult<>(page.items().stream().map(v -> queries.summary(v, hostNames)).toList(), page.total());
    }

    private static List<ListView.Column<VmSummary>> vmColumns() {
        return List.of(
                new ListView.Column<>("VM", "name", v -> Links.vm(v.id(), v.name())
                        + (v.stale() ? " <span class=\"stale\">stale</span>" : ""), VmSummary::name, false),
                new ListView.Column<>("Host", "host", v -> Links.host(v.hostId(), v.hostName()),
                        VmSummary::hostName, false),
                ListView.Column.text("Power", "power", VmSummary::powerState),
                ListView.Column.text("Networks", null, v -> String.join(", ", v.networks())),
                new ListView.Column<>("Zones", null, v -> v.zones().stream().map(Html::zoneBadge)
                        .collect(Collectors.joining(" ")), v -> String.join(" ", v.zones()), false),
                ListView.Column.text("MACs and addresses", null, v -> String.join(" ", v.addresses())),
                ListView.Column.number("vCPU", null, VmSummary::vcpus),
                new ListView.Column<>("Memory", null, v -> Html.bytes(v.memoryBytes()),
                        v -> String.valueOf(v.memoryBytes()), true),
                ListView.Column.text("Source", "source", VmSummary::sourceId),
                new ListView.Column<>("Last seen", "lastSeen", v -> Html.time(v.lastSeen()),
                        v -> String.valueOf(v.lastSeen()), false));
    }

    private void vmPage(Context ctx) {
        ListParams p = ListParams.from(ctx, InventoryListing.VMS, ListParams.DEFAULT_SIZE);
        if (ListView.wantsCsv(ctx)) {
            vms.csv(ctx, p, this::vmRows, "vms.csv");
            return;
        }
        ListResult<VmSummary> rows = p.run(this::vmRows);
        String links = "<p class=\"tabs\"><a aria-current=\"page\" href=\"/inventory\">VMs</a> · <a href=\"/hosts\">Hosts</a>"
                + " · <a href=\"/networks\">Networks</a></p>"
                + "<p class=\"export\">Export the whole inventory (RVTools-style tabs): "
                + "<a id=\"export-xlsx\" href=\"/inventory/export.xlsx\" download>Excel (.xlsx)</a> · "
                + "<a id=\"export-csv\" href=\"/inventory/export.csv\" download>CSV (zip)</a></p>";
        ctx.html(Layout.page("Inventory", "/inventory", RouteGuard.principal(ctx),
                links + vms.render(p, rows, "No VMs match.")));
    }

    private void vmApi(Context ctx) {
        ListParams p = ListParams.from(ctx, InventoryListing.VMS, org.virtguard.server.api.Paging.DEFAULT_LIMIT);
        if (ListView.wantsCsv(ctx)) {
            vms.csv(ctx, p, this::vmRows, "vms.csv");
            return;
        }
        ListResult<VmSummary> rows = p.run(this::vmRows);
        ctx.json(p.envelope(rows.items(), rows.total()));
    }

    // Hosts

    private static List<ListView.Column<StoredHost>> hostColumns() {
        return List.of(
                new ListView.Column<>("Host", "name", h -> Links.host(h.host().id(), h.host().name()),
                        h -> h.host().name(), false),
                ListView.Column.text("Product", null, h -> h.host().productName()),
                ListView.Column.text("Version", "version", h -> h.host().productVersion()),
                ListView.Column.text("Management addresses", null, h -> String.join(", ", h.host().managementAddresses())),
                ListView.Column.text("Cluster", "cluster", h -> h.host().clusterId()),
                ListView.Column.text("Site", "site", h -> h.host().siteId()),
                new ListView.Column<>("Source", "source", h -> Html.esc(h.sourceId())
                        + (h.stale() ? " <span class=\"stale\">stale</span>" : ""), StoredHost::sourceId, false),
                new ListView.Column<>("Last seen", "lastSeen", h -> Html.time(h.lastSeen()),
                        h -> String.valueOf(h.lastSeen()), false));
    }

    private void hostPage(Context ctx) {
        ListParams p = ListParams.from(ctx, InventoryListing.HOSTS, ListParams.DEFAULT_SIZE);
        if (ListView.wantsCsv(ctx)) {
            hosts.csv(ctx, p, listing::hosts, "hosts.csv");
            return;
        }
        String links = "<p class=\"tabs\"><a href=\"/inventory\">VMs</a> · <a aria-current=\"page\" href=\"/hosts\">Hosts</a>"
                + " · <a href=\"/networks\">Networks</a></p>";
        ctx.html(Layout.page("Hosts", "/inventory", RouteGuard.principal(ctx),
                links + hosts.render(p, p.run(listing::hosts), "No hosts match.")));
    }

    private void hostApi(Context ctx) {
        ListParams p = ListParams.from(ctx, InventoryListing.HOSTS, org.virtguard.server.api.Paging.DEFAULT_LIMIT);
        if (ListView.wantsCsv(ctx)) {
            hosts.csv(ctx, p, listing::hosts, "hosts.csv");
            return;
        }
        ListResult<StoredHost> rows = p.run(listing::hosts);
        ctx.json(p.envelope(rows.items(), rows.total()));
    }

    // Networks

    private static List<ListView.Column<StoredNetwork>> networkColumns() {
        return List.of(
                new ListView.Column<>("Network", "name", n -> Links.network(n.network().id(), n.network().name()),
                        n -> n.network().name(), false),
                ListView.Column.text("Kind", "kind", n -> n.network().kind()),
                new ListView.Column<>("Host", "host", n -> n.network().hostId() == null ? "—"
                        : Links.host(n.network().hostId(), n.network().hostId()), n -> n.network().hostId(), false),
                ListView.Column.text("Switch", "switch", n -> n.network().switchName()),
                ListView.Column.text("Forward", null, n -> n.network().forwardMode()),
                ListView.Column.text("VLAN", null, n -> Html.vlan(n.network().vlan())),
                ListView.Column.text("Address ranges", null, n -> String.join(", ", n.network().ipRanges())),
                ListView.Column.text("Source", "source", StoredNetwork::sourceId));
    }

    private void networkPage(Context ctx) {
        ListParams p = ListParams.from(ctx, InventoryListing.NETWORKS, ListParams.DEFAULT_SIZE);
        if (ListView.wantsCsv(ctx)) {
            networks.csv(ctx, p, listing::networks, "networks.csv");
            return;
        }
        String links = "<p class=\"tabs\"><a href=\"/inventory\">VMs</a> · <a href=\"/hosts\">Hosts</a>"
                + " · <a aria-current=\"page\" href=\"/networks\">Networks</a></p>";
        ctx.html(Layout.page("Networks", "/inventory", RouteGuard.principal(ctx),
                links + networks.render(p, p.run(listing::networks), "No networks match.")));
    }

    private void networkApi(Context ctx) {
        ListParams p = ListParams.from(ctx, InventoryListing.NETWORKS, org.virtguard.server.api.Paging.DEFAULT_LIMIT);
        if (ListView.wantsCsv(ctx)) {
            networks.csv(ctx, p, listing::networks, "networks.csv");
            return;
        }
        ListResult<StoredNetwork> rows = p.run(listing::networks);
        ctx.json(p.envelope(rows.items(), rows.total()));
    }

    private void network(Context ctx) {
        String id = ctx.pathParam("id");
        StoredNetwork n = listing.networks(ListRequest.first(2).with("filter", id)).items().stream()
                .filter(s -> s.network().id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no network with id '" + id + "'"));
        StringBuilder b = new StringBuilder("<section class=\"card\"><dl class=\"facts\">");
        fact(b, "Id", Html.esc(n.network().id()));
        fact(b, "Kind", Html.esc(n.network().kind()));
        fact(b, "Host", n.network().hostId() == null ? "—" : Links.host(n.network().hostId(), n.network().hostId()));
        fact(b, "Switch / bridge", Html.esc(n.network().switchName()) + " " + Html.esc(n.network().bridge()));
        fact(b, "Forward mode", Html.esc(n.network().forwardMode()));
        fact(b, "VLAN", Html.esc(Html.vlan(n.network().vlan())));
        fact(b, "Address ranges", Html.esc(String.join(", ", n.network().ipRanges())));
        fact(b, "Source", Html.esc(n.sourceId() + (n.stale() ? " (stale)" : "")));
        fact(b, "First seen", Html.time(n.firstSeen()));
        fact(b, "Last seen", Html.time(n.lastSeen()));
        b.append("</dl></section>");
        ListRequest onIt = new ListRequest("name", false, n.network().hostId() == null
                ? Map.of("network", n.network().name())
                : Map.of("network", n.network().name(), "host", n.network().hostId()), 0, NETWORK_VMS);
        ListResult<VmSummary> rows = vmRows(onIt);
        b.append("<h2>VMs with a vNIC on it (").append(rows.total()).append(")</h2>");
        b.append(VmTables.table(rows.items()));
        if (rows.total() > rows.items().size()) {
            b.append("<p><a href=\"/inventory?network=").append(Html.seg(n.network().name()))
                    .append(n.network().hostId() == null ? "" : "&amp;host=" + Html.seg(n.network().hostId()))
                    .append("\">All ").append(rows.total()).append(" VMs</a></p>");
        }
        ctx.html(Layout.page("Network " + n.network().name(), "/inventory", RouteGuard.principal(ctx), b.toString()));
    }

    private static void fact(StringBuilder b, String name, String html) {
        b.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(html == null || html.isBlank() ? "—" : html)
                .append("</dd>");
    }

    // Search

    private List<SearchHit> search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            return List.of();
        }
        if (q.length() > ListParams.MAX_TEXT) {
            throw ApiError.invalid("query parameter 'q' is longer than " + ListParams.MAX_TEXT + " characters");
        }
        return listing.search(q, SEARCH_PER_KIND);
    }

    private void searchApi(Context ctx) {
        ctx.json(Map.of("items", search(ctx)));
    }

    private void searchPage(Context ctx) {
        List<SearchHit> hits = search(ctx);
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
        StringBuilder b = new StringBuilder();
        if (q.isBlank()) {
            b.append("<p class=\"muted\">Type a VM, host or network name, a MAC or an address in the search box.</p>");
        } else if (hits.isEmpty()) {
            b.append("<p class=\"muted\">Nothing matches “").append(Html.esc(q)).append("”.</p>");
        } else {
            b.append("<table class=\"list\" id=\"search-results\"><thead><tr><th>Kind</th><th>Object</th>")
                    .append("<th>Detail</th></tr></thead><tbody>");
            for (SearchHit h : hits) {
                String link = switch (h.kind()) {
                    case HOST -> Links.host(h.id(), h.name());
                    case NETWORK -> Links.network(h.id(), h.name());
                    default -> Links.vm(h.id(), h.name());
                };
                String kind = switch (h.kind()) {
                    case VM -> "VM";
                    case HOST -> "host";
                    case NETWORK -> "network";
                    case MAC -> "VM by MAC";
                    case ADDRESS -> "VM by address";
                };
                b.append("<tr><td>").append(kind).append("</td><td>").append(link).append("</td><td>")
                        .append(Html.esc(h.detail())).append("</td></tr>");
            }
            b.append("</tbody></table>");
            if (hits.size() >= SEARCH_PER_KIND) {
                b.append("<p class=\"muted\">At most ").append(SEARCH_PER_KIND).append(" results of each kind; the ")
                        .append("<a href=\"/inventory?filter=").append(Html.seg(q)).append("\">VM list</a> filters them all.</p>");
            }
        }
        ctx.html(Layout.page("Search", "/search", RouteGuard.principal(ctx), b.toString()));
    }
}
