package org.virtguard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.Network;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.listing.ListTable;

/**
 * Pages of the current inventory sorted, filtered and paged in the database (for consoles over thousands of
 * VMs), a bounded search over VMs, hosts, networks, MACs and addresses, and one object's change history.
 */
public final class InventoryListing {

    /** Sorts: name, host, power, source, firstSeen, lastSeen. Filters: filter (name, id, host, MAC, network), host, power, network, source. */
    public static final ListTable VMS = ListTable.builder(
                    "inv_vm o JOIN inv_source s ON s.id = o.source_id LEFT JOIN inv_host h ON h.id = o.host_id",
                    "o.removed_at IS NULL", "o.id")
            .deferredJoin("o.id", "JOIN inv_vm_doc d ON d.id = o.id")
            .sort("name", "o.name").sort("host", "h.name").sort("power", "o.power_state")
            .sort("source", "o.source_id").sort("firstSeen", "o.first_seen")
            .sort("lastSeen", LastSeen.ofPresent("o", "s"))
            .filter("filter", "LOWER(o.name) LIKE :v ESCAPE '!' OR LOWER(o.id) LIKE :v ESCAPE '!'"
                    + " OR LOWER(h.name) LIKE :v ESCAPE '!' OR EXISTS (SELECT 1 FROM inv_nic n WHERE n.vm_id = o.id"
                    + " AND n.removed_at IS NULL AND (LOWER(n.mac) LIKE :v ESCAPE '!'"
                    + " OR LOWER(n.network_name) LIKE :v ESCAPE '!'))", ListTable::contains)
            .equals("host", "o.host_id")
            .filter("power", "o.power_state = :v", InventoryListing::powerState)
            .filter("network", "EXISTS (SELECT 1 FROM inv_nic n WHERE n.vm_id = o.id AND n.removed_at IS NULL"
                    + " AND n.network_name = :v)", v -> v)
            .equals("source", "o.source_id")
            .build();

    /** Sorts: name, version, cluster, site, source, firstSeen, lastSeen. Filters: filter, source, cluster, site. */
    public static final ListTable HOSTS = ListTable.builder(
                    "inv_host o JOIN inv_source s ON s.id = o.source_id",
                    "o.removed_at IS NULL", "o.id")
            .deferredJoin("o.id", "JOIN inv_host_doc d ON d.id = o.id")
            .sort("name", "o.name").sort("version", "o.product_version").sort("cluster", "o.cluster_id")
            .sort("site", "o.site_id").sort("source", "o.source_id").sort("firstSeen", "o.first_seen")
            .sort("lastSeen", LastSeen.ofPresent("o", "s"))
            .containsAny("filter", "o.name", "o.id", "o.product_version")
            .equals("source", "o.source_id").equals("cluster", "o.cluster_id").equals("site", "o.site_id")
            .build();

    /** Sorts: name, kind, host, switch, source. Filters: filter (name, id, switch), kind, host. */
    public static final ListTable NETWORKS = ListTable.builder(
                    "inv_network o JOIN inv_source s ON s.id = o.source_id LEFT JOIN inv_host h ON h.id = o.host_id",
                    "o.removed_at IS NULL", "o.id")
            .deferredJoin("o.id", "JOIN inv_network_doc d ON d.id = o.id")
            .sort("name", "o.name").sort("kind", "o.kind").sort("host", "h.name").sort("switch", "o.switch_name")
            .sort("source", "o.source_id")
            .containsAny("filter", "o.name", "o.id", "o.switch_name")
            .filter("kind", "o.kind = :v", v -> v.toUpperCase(Locale.ROOT))
            .equals("host", "o.host_id")
            .build();

    private static final String HISTORY = "d.doc, o.first_seen, " + LastSeen.ofPresent("o", "s")
            + " AS last_seen, o.source_id, s.stale";
    private static final int MAX_SEARCH = 100;

    private final Jdbi jdbi;

    public InventoryListing(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A page of current VMs; see {@link #VMS} for the sort and filter keys. */
    public ListResult<StoredVm> vms(ListRequest request) {
        return read("list VMs", h -> VMS.run(h, HISTORY, request, (rs, ctx) -> new StoredVm(
                InventoryJson.read(rs.getString("doc"), VirtualMachine.class), Sql.instant(rs, "first_seen"),
                Sql.instant(rs, "last_seen"), rs.getString("source_id"), rs.getBoolean("stale"))));
    }

    /** A page of current hosts; see {@link #HOSTS}. */
    public ListResult<StoredHost> hosts(ListRequest request) {
        return read("list hosts", h -> HOSTS.run(h, HISTORY, request, (rs, ctx) -> new StoredHost(
                InventoryJson.read(rs.getString("doc"), Host.class), Sql.instant(rs, "first_seen"),
                Sql.instant(rs, "last_seen"), rs.getString("source_id"), rs.getBoolean("stale"))));
    }

    /** A page of current networks; see {@link #NETWORKS}. */
    public ListResult<StoredNetwork> networks(ListRequest request) {
        return read("list networks", h -> NETWORKS.run(h, HISTORY, request, (rs, ctx) -> new StoredNetwork(
                InventoryJson.read(rs.getString("doc"), Network.class), Sql.instant(rs, "first_seen"),
                Sql.instant(rs, "last_seen"), rs.getString("source_id"), rs.getBoolean("stale"))));
    }

    /** How many current VMs are in a power state, or in all when {@code power} is null. */
    public long countVms(PowerState power) {
        return read("count VMs", h -> {
            var query = h.createQuery("SELECT COUNT(*) FROM inv_vm WHERE removed_at IS NULL"
                    + (power == null ? "" : " AND power_state = :p"));
            if (power != null) {
                query.bind("p", power.name());
            }
            return query.mapTo(Long.class).one();
        });
    }

    /** The inventory's version: the id of its latest write (sync run, live event or source change), 0 when empty. */
    public long version() {
        return read("read the inventory version", h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM inv_run")
                .mapTo(Long.class).one());
    }

    /** How many current hosts there are. */
    public long countHosts() {
        return read("count hosts", h -> h.createQuery("SELECT COUNT(*) FROM inv_host WHERE removed_at IS NULL")
                .mapTo(Long.class).one());
    }

    /**
     * Current VMs, hosts and networks whose name or id contains {@code text} (ignoring case), and VMs with a
     * vNIC whose MAC or guest address contains it: at most {@code limit} (up to 100) of each kind, by name.
     */
    public List<SearchHit> search(String text, int limit) {
        String q = Objects.requireNonNull(text, "text").strip();
        if (q.isEmpty()) {
            return List.of();
        }
        int n = Math.max(1, Math.min(limit, MAX_SEARCH));
        String like = ListTable.contains(q);
        return read("search the inventory", h -> {
            List<SearchHit> hits = new ArrayList<>();
            hits.addAll(hits(h, "SELECT o.id, o.name, o.host_id AS detail FROM inv_vm o WHERE o.removed_at IS NULL"
                    + " AND (LOWER(o.name) LIKE :q ESCAPE '!' OR LOWER(o.id) LIKE :q ESCAPE '!')"
                    + " ORDER BY o.name, o.id LIMIT :n", SearchHit.Kind.VM, like, n));
            hits.addAll(hits(h, "SELECT o.id, o.name, o.product_version AS detail FROM inv_host o"
                    + " JOIN inv_host_doc d ON d.id = o.id WHERE o.removed_at IS NULL"
                    + " AND (LOWER(o.name) LIKE :q ESCAPE '!' OR LOWER(o.id) LIKE :q ESCAPE '!'"
                    + (looksLikeAddress(q) ? " OR LOWER(d.doc) LIKE :q ESCAPE '!')" : ")")
                    + " ORDER BY o.name, o.id LIMIT :n", SearchHit.Kind.HOST, like, n));
            hits.addAll(hits(h, "SELECT o.id, o.name, o.host_id AS detail FROM inv_network o WHERE o.removed_at IS NULL"
                    + " AND (LOWER(o.name) LIKE :q ESCAPE '!' OR LOWER(o.id) LIKE :q ESCAPE '!')"
                    + " ORDER BY o.name, o.id LIMIT :n", SearchHit.Kind.NETWORK, like, n));
            hits.addAll(hits(h, "SELECT v.id, v.name, n.mac AS detail FROM inv_nic n JOIN inv_vm v ON v.id = n.vm_id"
                    + " WHERE n.removed_at IS NULL AND v.removed_at IS NULL AND LOWER(n.mac) LIKE :q ESCAPE '!'"
                    + " ORDER BY n.mac, v.id LIMIT :n", SearchHit.Kind.MAC, like, n));
            if (looksLikeAddress(q)) {
                hits.addAll(hits(h, "SELECT v.id, v.name, n.mac AS detail FROM inv_nic n"
                        + " JOIN inv_nic_doc d ON d.id = n.id JOIN inv_vm v ON v.id = n.vm_id"
                        + " WHERE n.removed_at IS NULL AND v.removed_at IS NULL AND LOWER(d.doc) LIKE :q ESCAPE '!'"
                        + " ORDER BY v.name, v.id LIMIT :n", SearchHit.Kind.ADDRESS, ListTable.contains("\"" + q), n));
            }
            return hits;
        });
    }

    /** Text that could be part of an IPv4 or IPv6 address: hex digits, dots and colons, with a dot or colon. */
    static boolean looksLikeAddress(String q) {
        return (q.indexOf('.') >= 0 || q.indexOf(':') >= 0) && q.chars().allMatch(c -> c == '.' || c == ':'
                || Character.digit(c, 16) >= 0);
    }

    private static List<SearchHit> hits(Handle h, String sql, SearchHit.Kind kind, String like, int n) {
        return h.createQuery(sql).bind("q", like).bind("n", n).map((rs, ctx) -> hit(rs, kind)).list();
    }

    private static SearchHit hit(ResultSet rs, SearchHit.Kind kind) throws SQLException {
        return new SearchHit(kind, rs.getString("id"), rs.getString("name"), rs.getString("detail"));
    }

    /**
     * The changes of one object and of the objects under it (a VM's vNICs), newest first, by index.
     *
     * @param offset changes to skip
     * @param limit  at most this many
     */
    public List<InventoryChange> history(String objectId, int offset, int limit) {
        Objects.requireNonNull(objectId, "objectId");
        return read("read the history of " + objectId, h -> h.createQuery("SELECT " + ChangeRows.COLUMNS
                        + " FROM inv_change WHERE object_id = :id OR object_id IN (SELECT n.id FROM inv_nic n WHERE n.vm_id = :id)"
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("id", objectId)
                .bind("limit", Math.max(1, limit)).bind("offset", Math.max(0, offset))
                .map((rs, ctx) -> ChangeRows.map(rs)).list());
    }

    /** The newest {@code limit} changes of the whole inventory, newest first (by the primary key). */
    public List<InventoryChange> newestChanges(int limit) {
        return read("read the newest changes", h -> h.createQuery("SELECT " + ChangeRows.COLUMNS
                        + " FROM inv_change ORDER BY id DESC LIMIT :limit")
                .bind("limit", Math.max(1, limit)).map((rs, ctx) -> ChangeRows.map(rs)).list());
    }

    private static Object powerState(String text) {
        try {
            return PowerState.valueOf(text.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("power must be one of " + java.util.Arrays.toString(PowerState.values()));
        }
    }

    private <R> R read(String what, org.jdbi.v3.core.HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw new StoreException(ErrorCode.STORE_UNAVAILABLE,
                    "cannot " + what + ": " + Errors.oneLine(Errors.rootMessage(e), null), e);
        }
    }
}
