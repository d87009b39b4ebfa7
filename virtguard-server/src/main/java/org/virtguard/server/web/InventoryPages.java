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
                ApiRoute.get("/inventory", viewer, "Inventory browser page", this::inventory),
                ApiRoute.get("/hosts/{id}", viewer, "Host page", this::host),
                ApiRoute.get("/vms/{id}", viewer, "VM page", this::vm),
                ApiRoute.get("/topology", viewer, "Topology page", this::topology));
    }

    private void inventory(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        List<VmSummary> vms = queries.searchVms(q, Optional.empty());
        StringBuilder b = new StringBuilder();
        b.append("<form class=\"search\" method=\"get\" action=\"/inventory\"><input type=\"search\" name=\"q\" value=\"")
                .append(Html.esc(q)).append("\" placeholder=\"VM, host, network, zone, MAC or IP\" aria-label=\"Search\">")
                .append("<button type=\"submit\">Search</button></form>");
        b.append("<p class=\"muted\">").append(vms.size()).append(" VMs</p>");
        b.append("<p class=\"export\">Export the inventory (RVTools-style tabs): ")
                .append("<a id=\"export-xlsx\" href=\"/inventory/export.xlsx\" download>Excel (.xlsx)</a> · ")
                .append("<a id=\"export-csv\" href=\"/inventory/export.csv\" download>CSV (zip)</a></p>");
        b.append(vmTable(vms));
        b.append("<h2>Hosts</h2><table class=\"list\"><thead><tr><th>Host</th><th>Product</th><th>Source</th>")
                .append("<th>State</th><th>Last seen</th></tr></thead><tbody>");
        for (StoredHost h : queries.hosts()) {
            b.append("<tr><td><a href=\"/hosts/").append(Html.seg(h.host().id())).append("\">")
                    .append(Html.esc(h.host().name())).append("</a></td><td>").append(Html.esc(h.host().productName()))
                    .append(' ').append(Html.esc(h.host().productVersion())).append("</td><td>")
                    .append(Html.esc(h.sourceId())).append("</td><td>").append(h.stale() ? "<span class=\"stale\">stale</span>" : "current")
                    .append("</td><td>").append(Html.time(h.lastSeen())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        ctx.html(Layout.page("Inventory", "/inventory", RouteGuard.principal(ctx), b.toString()));
    }

    static String vmTable(List<VmSummary> vms) {
        StringBuilder b = new StringBuilder("<table class=\"list\" id=\"vm-table\"><thead><tr><th>VM</th><th>Host</th>"
                + "<th>Power</th><th>Networks</th><th>Zones</th><th>vCPU</th><th>Memory</th></tr></thead><tbody>");
        for (VmSummary v : vms) {
            b.append("<tr><td><a href=\"/vms/").append(Html.seg(v.id())).append("\">").append(Html.esc(v.name()))
                    .append("</a>").append(v.stale() ? " <span class=\"stale\">stale</span>" : "").append("</td><td>")
                    .append("<a href=\"/hosts/").append(Html.seg(v.hostId() == null ? "" : v.hostId())).append("\">")
                    .append(Html.esc(v.hostName())).append("</a></td><td>").append(Html.esc(v.powerState()))
                    .append("</td><td>").append(Html.esc(String.join(", ", v.networks()))).append("</td><td>");
            v.zones().forEach(z -> b.append(Html.zoneBadge(z)).append(' '));
            b.append("</td><td class=\"num\">").append(v.vcpus()).append("</td><td class=\"num\">")
                    .append(Html.bytes(v.memoryBytes())).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
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
        b.append(vmTable(queries.searchVms(null, Optional.of(h.host().id()))));
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
        fact(b, "Labels", vm.labels().isEmpty() ? "none" : new java.util.TreeMap<>(vm.labels()).entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining("; ")));
        fact(b, "First seen", Html.time(stored.firstSeen()));
        fact(b, "Last seen", Html.time(stored.lastSeen()));
        b.append("</dl></section>");
        b.append("<h2>Network interfaces</h2><table class=\"list\" id=\"nic-table\"><thead><tr><th>MAC</th><th>Network</th>")
                .append("<th>Zone</th><th>Attachment</th><th>VLAN</th><th>Filter</th><th>Addresses</th></tr></thead><tbody>");
        for (VirtualNic n : vm.nics()) {
            String zone = queries.zoneOf(vm, n).map(z -> z.name()).orElse(null);
            b.append("<tr><td>").append(Html.esc(n.mac())).append("</td><td>").append(Html.esc(n.networkName()))
                    .append("</td><td>").append(Html.zoneBadge(zone)).append("</td><td>").append(Html.esc(n.attachment()))
                    .append("</td><td>").append(Html.esc(n.vlan().isCollected() ? vlanText(n.vlan().value()) : "not collected"))
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
        b.append(recentFlows(vm.name()));
        b.append(changes(queries.changesOf(vm.id(), 30)));
        ctx.html(Layout.page("VM " + vm.name(), "/inventory", RouteGuard.principal(ctx), b.toString()));
    }

    private static final int FINDINGS_SHOWN = 200;
    private static final int FLOWS_SHOWN = 50;
    private static final java.time.Duration RECENT_FLOWS = java.time.Duration.ofHours(24);

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

    /** The VM's flow edges of the last 24 hours, newest minute first. */
    private String recentFlows(String vmName) {
        StringBuilder b = new StringBuilder("<h2>Recent flows</h2>");
        java.time.Instant now = context.clock().instant();
        List<org.virtguard.store.flows.StoredFlowEdge> edges = context.store().flows().touching("VM", vmName,
                now.minus(RECENT_FLOWS), now.plusSeconds(60), FLOWS_SHOWN);
        if (edges.isEmpty()) {
            return b.append("<p class=\"muted\">No flows to or from this VM in the last 24 hours.</p>").toString();
        }
        b.append("<table class=\"list\" id=\"flow-table\"><thead><tr><th>Minute</th><th>From</th><th>To</th>")
                .append("<th>Same host</th><th class=\"num\">Flows</th><th class=\"num\">Bytes</th></tr></thead><tbody>");
        for (org.virtguard.store.flows.StoredFlowEdge e : edges) {
            b.append("<tr><td>").append(Html.time(e.minute())).append("</td><td>").append(Html.esc(e.from()))
                    .append("</td><td>").append(Html.esc(e.to())).append("</td><td>").append(e.eastWest() ? "yes" : "no")
                    .append("</td><td class=\"num\">").append(e.flows()).append("</td><td class=\"num\">")
                    .append(Html.bytes(e.bytes())).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
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

    private void topology(Context ctx) {
        StringBuilder b = new StringBuilder("<p class=\"muted\">Sites → clusters → hosts → VMs, coloured by trust zone. "
                + "Hosts running VMs of more than one zone are marked mixed-trust.</p><ul class=\"tree\">");
        for (TopologyNode site : queries.topology()) {
            node(b, site);
        }
        b.append("</ul>");
        ctx.html(Layout.page("Topology", "/topology", RouteGuard.principal(ctx), b.toString()));
    }

    private static void node(StringBuilder b, TopologyNode n) {
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
        if (!n.children().isEmpty()) {
            b.append("<ul>");
            n.children().forEach(c -> node(b, c));
            b.append("</ul>");
        }
        b.append("</li>");
    }
}
