package org.virtguard.server.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.virtguard.model.Finding;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.VirtualMachine;
import org.virtguard.server.ServerContext;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.store.InventoryListing;
import org.virtguard.store.alerts.AlertListing;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.store.flows.FlowListing;
import org.virtguard.store.flows.StoredFlowEdge;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.response.ResponseListing;
import org.virtguard.store.response.StoredAction;

/**
 * A VM's whole story on one timeline, newest first: placement (created, moved host, removed), vNIC moves and
 * other changes, findings, alerts it raised, its flows and the response actions on it. Each source is read
 * newest first by index, {@code offset + size} rows deep at most, and the sources are merged, so any page is
 * exact up to {@link #MAX_DEPTH} entries back.
 */
public final class VmTimeline {

    /** How far back pages go. */
    public static final int MAX_DEPTH = 2000;

    /**
     * One event.
     *
     * @param at     when
     * @param kind   placement, vnic, change, finding, alert, flow or response
     * @param title  one line
     * @param detail more, or empty
     * @param link   the page to open, or {@code null}
     */
    public record Entry(Instant at, String kind, String title, String detail, String link) {
    }

    /**
     * A page of the timeline.
     *
     * @param entries the page, newest first
     * @param more    whether older entries follow
     */
    public record Page(List<Entry> entries, boolean more) {
    }

    private final ServerContext context;

    public VmTimeline(ServerContext context) {
        this.context = context;
    }

    /** Entries {@code offset} to {@code offset + size} of the VM's story, newest first. */
    public Page page(VirtualMachine vm, int offset, int size) {
        int depth = Math.min(MAX_DEPTH, offset + size);
        List<Entry> all = new ArrayList<>();
        boolean more = false;
        var jdbi = context.store().jdbi();

        List<InventoryChange> changes = new InventoryListing(jdbi).history(vm.id(), 0, depth + 1);
        more |= changes.size() > depth;
        changes.stream().limit(depth).forEach(c -> all.add(change(c)));

        ListRequest newest = new ListRequest(null, false, Map.of(), 0, depth);
        ListResult<StoredAlert> alerts = new AlertListing(jdbi).page(newest.with("vm", vm.id()));
        more |= alerts.total() > alerts.items().size();
        alerts.items().forEach(a -> all.add(new Entry(a.alert().lastSeen(), "alert",
                a.alert().severity().name() + " " + a.alert().title(),
                a.alert().kind() + " · " + a.alert().count() + " events since " + a.alert().firstSeen() + " · "
                        + a.status().name().toLowerCase(Locale.ROOT), "/alerts?filter=" + enc(a.alert().key()))));

        ListResult<StoredFlowEdge> flows = new FlowListing(jdbi).page(newest.with("kind", "VM").with("name", vm.name()));
        more |= flows.total() > flows.items().size();
        flows.items().forEach(f -> all.add(new Entry(f.minute(), "flow", f.from() + " → " + f.to(),
                f.flows() + " flows, " + f.bytes() + " bytes" + (f.eastWest() ? ", same host" : ""),
                "/flows?kind=VM&name=" + enc(vm.name()))));

        ListResult<StoredAction> actions = new ResponseListing(jdbi).page(newest.with("vm", vm.id()));
        more |= actions.total() > actions.items().size();
        actions.items().forEach(a -> {
            Instant at = a.finishedAt() != null ? a.finishedAt() : a.decidedAt() != null ? a.decidedAt()
                    : a.request().requestedAt();
            all.add(new Entry(at, "response", a.request().kind() + " " + a.status().name().toLowerCase(Locale.ROOT),
                    "#" + a.id() + " requested by " + a.request().requestedBy()
                            + (a.decidedBy() == null ? "" : ", decided by " + a.decidedBy())
                            + (a.request().reason() == null ? "" : ": " + a.request().reason()), "/responses"));
        });

        context.policy().ifPresent(p -> {
            var findings = p.findings(new FindingFilter(null, null, null, null, null, null, vm.id()), 0, depth);
            for (Finding f : findings.items()) {
                all.add(new Entry(f.evaluatedAt(), "finding", f.severity().name() + " " + f.status() + " "
                        + f.title(), f.checkId() + (f.message() == null ? "" : ": " + f.message()),
                        null));
            }
        });

        all.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), offset + size);
        return new Page(List.copyOf(all.subList(from, to)), more || all.size() > to);
    }

    private static Entry change(InventoryChange c) {
        String kind = switch (c.type()) {
            case CREATED, REMOVED, MOVED_HOST -> "placement";
            case NIC_ADDED, NIC_REMOVED, NIC_NETWORK_CHANGED -> "vnic";
            default -> "change";
        };
        String title = switch (c.type()) {
            case CREATED -> "appeared" + (c.newValue() == null ? "" : " on " + c.newValue());
            case REMOVED -> "removed";
            case MOVED_HOST -> "moved host" + fromTo(c);
            case NIC_NETWORK_CHANGED -> "vNIC " + nicName(c) + " moved network" + fromTo(c);
            case NIC_ADDED -> "vNIC " + nicName(c) + " added" + (c.newValue() == null ? "" : " on " + c.newValue());
            case NIC_REMOVED -> "vNIC " + nicName(c) + " removed";
            case POWER_STATE_CHANGED -> "power" + fromTo(c);
            default -> c.type().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (c.field() == null ? "" : " " + c.field()) + fromTo(c);
        };
        return new Entry(c.at(), kind, title, "source " + c.sourceId(), null);
    }

    private static String nicName(InventoryChange c) {
        return c.objectName() == null ? c.objectId() : c.objectName();
    }

    private static String fromTo(InventoryChange c) {
        if (c.oldValue() == null && c.newValue() == null) {
            return "";
        }
        return ": " + (c.oldValue() == null ? "—" : c.oldValue()) + " → " + (c.newValue() == null ? "—" : c.newValue());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
