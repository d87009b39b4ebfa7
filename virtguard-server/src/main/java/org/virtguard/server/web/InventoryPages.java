package org.virtguard.server.web;

import java.util.List;
import java.util.Optional;

import io.javalin.http.Context;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.InventoryApi;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.query.InventoryQueries;
import org.virtguard.server.query.TopologyNode;
import org.virtguard.server.query.VmSummary;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredVm;
import org.virtguard.store.security.Role;

/** Inventory browser, host and VM pages, and the topology view. */
public final class InventoryPages {

    private final InventoryQueries queries;
    private final InventoryApi api;

    private final org.virtguard.server.ServerContext context;

    public InventoryPages(InventoryQueries queries, InventoryApi api, org.virtguard.server.ServerContext context) {
        this.context = context;
        this.queries = queries;
        this.api = api;
    }

    public List<ApiRoute> routes() {
        Access viewer = Access.page(Role.VIEWER);
        return List.of(
                ApiRoute.get("/hosts/{id}", viewer, "Host page", this::host),
                ApiRoute.get("/vms/{id}", viewer, "VM page", this::vm),
                ApiRoute.get("/topology", viewer, "Topology page", this::topology));
    }

    private void host(Context ctx) {
        String id = ctx.pathParam("id");
        StoredHost h = api.findHost(id).orElseThrow(() -> ApiError.notFound("no host with id '" + id + "'"));
        StringBuilder b = new StringBuilder("<section class=\"card\"><dl class=\"facts\">");
        fact(b, "Id", h.host().id());
        fact(b, "Product", h.host().productName() + " " + h.host().productVersion());
        fact(b, "Hypervisor", h.host().hypervisor());
        fact(b, "Management addresses", String.join(", ", h.host().managementAddresses()));
        fact(b, "Source", h.sourceId() + (h.stale() ? " (stale)" : ""));
        fact(b, "Cluster", h.host().clusterId());
        fact(b, "Site", h.host().siteId());
        fact(b, "First seen", Html.time(h.firstSeen()));
        fact(b, "Last seen", Html.time(h.lastSeen()));
        b.append("</dl></section><h2>VMs</h2>");
        b.append(hostVms(h.host().id()));
        b.append(findings(new org.virtguard.server.views.FindingFilter(null, null, null, h.host().id(), null, null)));
        b.append(changes(queries.changesOf(h.host().id(), 30)));
        ctx.html(Layout.page("Host " + h.host().name(), "/inventory", RouteGuard.principal(ctx), b.toString()));
    }

    private void vm(Context ctx) {
        StoredVm stored = api.findVm(ctx.pathParam("id"));
        VirtualMachine vm = stored.vm();
        VmSummary s = queries.summary(stored, queries.hostNames());
        StringBuilder b = new StringBuilder("<section class=\"card\"><dl class=\"facts\">");
        fact(b, "Id", vm.id());
        b.append("<dt>Host</dt><dd><a href=\"/hosts/").append(Html.seg(vm.hostId() == null ? "" : vm.hostId()))
                .append("\">").append(Html.esc(s.hostName())).append("</a></dd>");
        fact(b, "Power", vm.powerState());
        fact(b, "Guest OS", vm.guestOs().isCollected() ? vm.guestOs().value() : "not collected");
        fact(b, "vCPUs / memory", vm.vcpus() + " / " + Html.bytes(vm.memoryBytes()));
        fact(b, "Source", stored.sourceId() + (stored.stale() ? " (stale)" : ""));
        fact(b, "Labels", Html.labels(vm.labels()));
        fact(b, "First seen", Html.time(stored.firstSeen()));
        fact(b, "Last seen", Html.time(stored.lastSeen()));
        b.append("</dl></section>");
        b.append("<h2>Network interfaces</h2><table class=\"list\" id=\"nic-table\"><thead><tr><th>MAC</th><th>Network</th>")
                .append("<th>Zone</th><th>Attachment</th><th>VLAN</th><th>Filter</th><th>Addresses</th></tr></thead><tbody>");
        for (VirtualNic n : vm.nics()) {
            String zone = queries.zoneOf(vm, n).map(z -> z.name()).orElse(null);
            b.append("<tr><td>").append(Html.esc(n.mac())).append("</td><td>").append(Html.esc(n.networkName()))
                    .append("</td><td>").append(Html.zoneBadge(zone)).append("</td><td>").append(Html.esc(n.attachment()))
                    .append("</td><td>").append(Html.esc(Html.vlan(n.vlan())))
                    .append("</td><td>").append(Html.esc(n.filter() == null ? "none" : n.filter().name()))
                    .append("</td><td>").append(Html.esc(n.ipAddresses().isCollected() ? listText(n.ipAddresses().value()) : "not collected"))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
        b.append("<h2>Consoles</h2><table class=\"list\"><thead><tr><th>Type</th><th>Listens</th><th>Port</th>")
                .append("<th>Password</th><th>Beyond loopback</th></tr></thead><tbody>");
        for (Console c : vm.consoles()) {
            var reach = c.reachableBeyondLoopback();
            b.append("<tr><td>").append(Html.esc(c.type())).append("</td><td>");
            for (ConsoleListen l : c.listens()) {
                b.append(Html.esc(l.kind())).append(l.value() == null ? "" : " " + Html.esc(l.value())).append("<br>");
            }
            b.append("</td><td>").append(Html.esc(c.port() == null ? "auto" : c.port())).append("</td><td>")
                    .append(Html.esc(c.passwordSet().isCollected() ? (c.passwordSet().value() ? "set" : "none") : "not collected"))
                    .append("</td><td>").append(Html.esc(reach.isCollected() ? (reach.value() ? "yes" : "no")
                            : "not collected: " + reach.reason())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        b.append("<h2>Security labels</h2>");
        if (vm.securityLabels().isEmpty()) {
            b.append("<p class=\"muted\">None in the domain: the host's default confinement applies.</p>");
        } else {
            b.append("<ul>");
            for (SecurityLabel l : vm.securityLabels()) {
                b.append("<li>").append(Html.esc(l.model())).append(' ').append(Html.esc(l.type()))
                        .append(l.disablesConfinement() ? " <strong class=\"bad\">confinement off</strong>" : "")
                        .append(l.label() == null ? "" : " " + Html.esc(l.label())).append("</li>");
            }
            b.append("</ul>");
        }
        b.append(findings(new org.virtguard.server.views.FindingFilter(null, null, null, null, null, null, vm.id())));
        b.append(timeline(ctx, vm));
        ctx.html(Layout.page("VM " + vm.name(), "/inventory", RouteGuard.principal(ctx), b.toString()));
    }

    private static final int HOST_VMS_SHOWN = 50;

    /** The host's first VMs by name, with a link to the full, paged list. */
    private String hostVms(String hostId) {
        org.virtguard.store.listing.ListResult<org.virtguard.store.StoredVm> page =
                new org.virtguard.store.InventoryListing(context.store().jdbi()).vms(
                        new org.virtguard.store.listing.ListRequest("name", false, java.util.Map.of("host", hostId), 0,
                                HOST_VMS_SHOWN));
        java.util.Map<String, String> names = queries.hostNames();
        StringBuilder b = new StringBuilder(VmTables.table(page.items().stream().map(v -> queries.summary(v, names))
                .toList()));
        if (page.total() > page.items().size()) {
            b.append("<p><a href=\"/inventory?host=").append(Html.seg(hostId)).append("\">All ").append(page.total())
                    .append(" VMs on this host</a></p>");
        }
        return b.toString();
    }

    private static final int FINDINGS_SHOWN = 200;

    /**
     * Open findings matching the filter (the VM's own, or everything on a host), most severe first; those that could
     * not tell for want of a value (NOT_COLLECTED) after every real result.
     */
    private String findings(org.virtguard.server.views.FindingFilter filter) {
        StringBuilder b = new StringBuilder("<h2>Findings</h2>");
        if (context.policy().isEmpty()) {
            return b.append("<p class=\"muted\">The policy engine is not configured.</p>").toString();
        }
        org.virtguard.server.views.PolicyView policy = context.policy().get();
        org.virtguard.server.views.FindingsPage results = policy.findings(withState(filter, "ACTIONABLE"), 0,
                FINDINGS_SHOWN);
        org.virtguard.server.views.FindingsPage unknown = policy.findings(withState(filter, "NOT_COLLECTED"), 0,
                FINDINGS_SHOWN);
        if (results.items().isEmpty() && unknown.items().isEmpty()) {
            return b.append("<p class=\"muted\">No open findings.</p>").toString();
        }
        b.append("<table class=\"list\" id=\"finding-table\"><thead><tr><th>Severity</th><th>Status</th><th>Check</th>")
                .append("<th>Resource</th><th>Finding</th></tr></thead><tbody>");
        for (org.virtguard.server.views.FindingsPage page : List.of(results, unknown)) {
            for (org.virtguard.model.Finding f : page.items()) {
                b.append("<tr><td>").append(Html.severityBadge(f.severity().name())).append("</td><td>")
                        .append(Html.esc(FindingCells.status(f.status()))).append("</td><td>")
                        .append(Html.esc(f.checkId())).append("</td><td>").append(FindingCells.resource(f.resource()))
                        .append("</td><td>").append(Html.esc(FindingCells.message(f))).append("</td></tr>");
            }
        }
        b.append("</tbody></table>");
        long total = results.total() + unknown.total();
        long shown = results.items().size() + unknown.items().size();
        if (total > shown) {
            b.append("<p class=\"muted\">").append(shown).append(" of ").append(total)
                    .append(" shown; the findings page lists them all.</p>");
        }
        return b.toString();
    }

    private static org.virtguard.server.views.FindingFilter withState(org.virtguard.server.views.FindingFilter f,
                                                                     String state) {
        return new org.virtguard.server.views.FindingFilter(f.minSeverity(), f.checkId(), f.zone(), f.hostId(), state,
                f.area(), f.vmId());
    }

    private static final int TIMELINE_PAGE = 50;

    /** The VM's story, newest first, paged with {@code tpage}. */
    private String timeline(Context ctx, VirtualMachine vm) {
        int maxPage = org.virtguard.server.query.VmTimeline.MAX_DEPTH / TIMELINE_PAGE;
        int page = 1;
        String text = ctx.queryParam("tpage");
        if (text != null && !text.isBlank()) {
            try {
                page = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw ApiError.invalid("query parameter 'tpage' must be a page number");
            }
            if (page < 1 || page > maxPage) {
                throw ApiError.invalid("query parameter 'tpage' must be between 1 and " + maxPage);
            }
        }
        var result = new org.virtguard.server.query.VmTimeline(context).page(vm, (page - 1) * TIMELINE_PAGE,
                TIMELINE_PAGE);
        StringBuilder b = new StringBuilder("<h2 id=\"timeline\">Timeline</h2><p class=\"muted\">Placement, vNIC moves, "
                + "changes, findings, alerts, flows and response actions, newest first.</p>");
        if (result.entries().isEmpty()) {
            return b.append("<p class=\"muted\">Nothing recorded for this VM yet.</p>").toString();
        }
        b.append("<table class=\"list\" id=\"timeline-table\"><thead><tr><th>When</th><th>What</th><th>Event</th>")
                .append("<th>Detail</th></tr></thead><tbody>");
        for (var e : result.entries()) {
            b.append("<tr class=\"tl-").append(Html.esc(e.kind())).append("\"><td>").append(Html.time(e.at()))
                    .append("</td><td><span class=\"badge\">").append(Html.esc(e.kind())).append("</span></td><td>");
            if (e.link() != null) {
                b.append("<a href=\"").append(Html.esc(e.link())).append("\">").append(Html.esc(e.title())).append("</a>");
            } else {
                b.append(Html.esc(e.title()));
            }
            b.append("</td><td>").append(Html.esc(e.detail())).append("</td></tr>");
        }
        b.append("</tbody></table><nav class=\"pager\" aria-label=\"Timeline pages\">");
        String base = "/vms/" + Html.seg(vm.id()) + "?tpage=";
        if (page > 1) {
            b.append("<a rel=\"prev\" href=\"").append(base).append(page - 1).append("#timeline\">‹ Newer</a> ");
        }
        b.append("<span>Page ").append(page).append("</span>");
        if (result.more() && page < maxPage) {
            b.append(" <a rel=\"next\" href=\"").append(base).append(page + 1).append("#timeline\">Older ›</a>");
        }
        return b.append("</nav>").toString();
    }

    private static String changes(List<InventoryChange> changes) {
        StringBuilder b = new StringBuilder("<h2>Recent changes</h2>");
        if (changes.isEmpty()) {
            return b.append("<p class=\"muted\">No changes in the last 30 days.</p>").toString();
        }
        b.append("<table class=\"list\"><thead><tr><th>When</th><th>Change</th><th>Object</th><th>Detail</th></tr></thead><tbody>");
        changes.forEach(c -> b.append(DashboardPage.changeRow(c)));
        return b.append("</tbody></table>").toString();
    }

    /** A VLAN setting in words: "none", "access 20", "trunk 10, 20, 100-200". */
    static String vlanText(org.virtguard.model.VlanConfig v) {
        if (v == null) {
            return "none";
        }
        List<String> parts = new java.util.ArrayList<>();
        v.ids().forEach(id -> parts.add(String.valueOf(id)));
        parts.addAll(v.ranges());
        String mode = v.mode() == null ? "" : v.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return parts.isEmpty() ? mode : (mode + " " + String.join(", ", parts)).strip();
    }

    private static String listText(Object value) {
        if (value instanceof java.util.Collection<?> c) {
            return c.isEmpty() ? "none" : c.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    private static void fact(StringBuilder b, String name, Object value) {
        b.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(Html.esc(value == null ? "—" : value))
                .append("</dd>");
    }

    private static final int MAX_EXPANDED = 20;

    private void topology(Context ctx) {
        java.util.Set<String> expanded = new java.util.LinkedHashSet<>();
        for (String value : ctx.queryParams("expand")) {
            for (String id : value.split(",")) {
                if (!id.isBlank() && id.length() <= 1024 && expanded.size() < MAX_EXPANDED) {
                    expanded.add(id.strip());
                }
            }
        }
        List<TopologyNode> sites = queries.topology();
        int vmCount = TopologySvg.hosts(sites).stream().mapToInt(h -> h.children().size()).sum();
        boolean detailByDefault = TopologySvg.detailed(vmCount);
        java.util.function.Function<String, String> expandLink = hostId -> {
            java.util.Set<String> more = new java.util.LinkedHashSet<>(expanded);
            more.add(hostId);
            StringBuilder q = new StringBuilder("/topology?");
            more.forEach(id -> q.append(q.charAt(q.length() - 1) == '?' ? "" : "&").append("expand=").append(Html.seg(id)));
            return q.append("#host-").append(TopologySvg.anchor(hostId)).toString();
        };
        StringBuilder b = new StringBuilder("<p class=\"muted\">Sites → clusters → hosts → VMs, coloured by trust zone; "
                + "click a VM or host to open it. Hosts running VMs of more than one zone are marked mixed-trust (red). ");
        if (!detailByDefault) {
            b.append(vmCount).append(" VMs: hosts are shown as zone counts; expand one to see its VMs. ");
        }
        if (!expanded.isEmpty()) {
            b.append("<a href=\"/topology\">Collapse all</a>");
        }
        b.append("</p><figure class=\"topology\">").append(TopologySvg.render(sites, expanded, expandLink))
                .append("</figure><h2 id=\"topology-list\">As a list</h2><ul class=\"tree\">");
        for (TopologyNode site : sites) {
            node(b, site, expanded, detailByDefault);
        }
        b.append("</ul>");
        ctx.html(Layout.page("Topology", "/topology", RouteGuard.principal(ctx), b.toString()));
    }

    private static void node(StringBuilder b, TopologyNode n, java.util.Set<String> expanded, boolean detailByDefault) {
        b.append("<li class=\"node node-").append(n.kind()).append(n.mixedTrust() ? " mixed" : "").append("\">");
        switch (n.kind()) {
            case "host" -> b.append("<a href=\"/hosts/").append(Html.seg(n.id())).append("\">")
                    .append(Html.esc(n.name())).append("</a>");
            case "vm" -> b.append("<a class=\"").append(Html.zoneClass(n.zones().isEmpty() ? null : n.zones().get(0)))
                    .append(" vm\" href=\"/vms/").append(Html.seg(n.id())).append("\">").append(Html.esc(n.name())).append("</a>");
            default -> b.append("<span class=\"kind\">").append(Html.esc(n.kind())).append("</span> ")
                    .append(Html.esc(n.name()));
        }
        if (n.mixedTrust()) {
            b.append(" <strong class=\"bad\">mixed trust</strong>");
        }
        if (!"vm".equals(n.kind())) {
            n.zones().forEach(z -> b.append(' ').append(Html.zoneBadge(z)));
        }
        boolean listVms = !"host".equals(n.kind()) || expanded.contains(n.id())
                || detailByDefault && n.children().size() <= TopologySvg.DETAIL_LIMIT;
        if ("host".equals(n.kind()) && !listVms) {
            java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
            n.children().forEach(vm -> counts.merge(vm.zones().isEmpty() ? "no zone" : vm.zones().get(0), 1, Integer::sum));
            b.append(" · ").append(n.children().size()).append(" VMs (");
            StringBuilder parts = new StringBuilder();
            counts.forEach((z, c) -> parts.append(parts.isEmpty() ? "" : ", ").append(Html.esc(z)).append(' ').append(c));
            b.append(parts).append(") <a href=\"/inventory?host=").append(Html.seg(n.id())).append("\">list them</a>");
        } else if (!n.children().isEmpty()) {
            b.append("<ul>");
            n.children().forEach(c -> node(b, c, expanded, detailByDefault));
            b.append("</ul>");
        }
        b.append("</li>");
    }
}
