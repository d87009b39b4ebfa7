package org.virtguard.server.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import org.virtguard.model.VirtualNic;
import org.virtguard.server.ServerContext;
import org.virtguard.server.query.InventoryQueries;
import org.virtguard.store.AmbiguousNameException;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredVm;
import org.virtguard.store.security.Role;

/** Read-only inventory routes: hosts, VMs, vNICs, networks, sources, changes, topology. */
public final class InventoryApi {

    private static final int MAX_CHANGES = 10_000;
    /** VMs listed with a host; {@code /api/v1/vms?host=ID} pages through all of them. */
    private static final int HOST_VMS = 1000;

    private final ServerContext context;
    private final InventoryQueries queries;

    public InventoryApi(ServerContext context, InventoryQueries queries) {
        this.context = context;
        this.queries = queries;
    }

    public List<ApiRoute> routes() {
        Access viewer = Access.read(Role.VIEWER);
        return List.of(
                ApiRoute.get("/api/v1/dashboard", viewer, "Posture summary shown on the dashboard",
                        ctx -> ctx.json(queries.dashboard())),
                ApiRoute.get("/api/v1/hosts/{id}", viewer, "One host with its VMs", this::host),
                ApiRoute.get("/api/v1/vms/{id}", viewer, "One VM (by id or unique name) with NIC zones and recent changes",
                        this::vm),
                ApiRoute.get("/api/v1/nics", viewer, "Current vNICs, by VM and NIC id", this::nics),
                ApiRoute.get("/api/v1/sources", viewer, "Inventory sources and their health",
                        ctx -> ctx.json(Paging.from(ctx).page(context.store().inventory().sources()))),
                ApiRoute.get("/api/v1/changes", viewer, "Inventory change log, oldest first; since=ISO-8601 instant",
                        this::changes),
                ApiRoute.get("/api/v1/topology", viewer, "Sites, clusters, hosts and VMs with their zones",
                        ctx -> ctx.json(Map.of("sites", queries.topology()))));
    }

    private void host(Context ctx) {
        String id = ctx.pathParam("id");
        StoredHost host = findHost(id).orElseThrow(() -> ApiError.notFound("no host with id '" + id + "'"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", host);
        var vms = new org.virtguard.store.InventoryListing(context.store().jdbi()).vms(
                new org.virtguard.store.listing.ListRequest("name", false, Map.of("host", host.host().id()), 0,
                        HOST_VMS));
        Map<String, String> names = queries.hostNames();
        body.put("vms", vms.items().stream().map(v -> queries.summary(v, names)).toList());
        body.put("vmsTotal", vms.total());
        body.put("recentChanges", queries.changesOf(host.host().id(), 50));
        ctx.json(body);
    }

    public Optional<StoredHost> findHost(String id) {
        return context.store().inventory().hosts().stream()
                .filter(h -> h.host().id().equals(id) || h.host().name().equals(id)).findFirst();
    }

    private void vm(Context ctx) {
        StoredVm vm = findVm(ctx.pathParam("id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", queries.summary(vm, queries.hostNames()));
        body.put("vm", vm);
        body.put("nicZones", vm.vm().nics().stream().map(n -> nicZone(vm, n)).toList());
        body.put("recentChanges", queries.changesOf(vm.vm().id(), 50));
        ctx.json(body);
    }

    private Map<String, Object> nicZone(StoredVm vm, VirtualNic nic) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nicId", nic.id());
        m.put("network", nic.networkName());
        m.put("zone", queries.zoneOf(vm.vm(), nic).map(z -> z.name()).orElse(null));
        return m;
    }

    /** A VM by id or unique name. */
    public StoredVm findVm(String idOrName) {
        try {
            return context.store().inventory().findVm(idOrName)
                    .orElseThrow(() -> ApiError.notFound("no VM with id or name '" + idOrName + "'"));
        } catch (AmbiguousNameException e) {
            throw ApiError.invalid("several VMs are named '" + idOrName + "'; use the VM id");
        }
    }

    private void nics(Context ctx) {
        ctx.json(Paging.from(ctx).page(context.store().inventory().nics().stream()
                .sorted(Comparator.comparing((org.virtguard.store.StoredNic n) -> n.nic().vmId())
                        .thenComparing(n -> n.nic().id())).toList()));
    }

    private void changes(Context ctx) {
        Instant since = null;
        String text = ctx.queryParam("since");
        if (text != null && !text.isEmpty()) {
            try {
                since = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiError.invalid("query parameter 'since' must be an ISO-8601 instant such as 2026-11-22T08:00:00Z");
            }
        }
        ctx.json(Paging.from(ctx).page(context.store().inventory().changes(since, MAX_CHANGES)));
    }
}
