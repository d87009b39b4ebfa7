package org.virtguard.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.virtguard.model.ChangeType;
import org.virtguard.model.Host;
import org.virtguard.model.HostIdentitySettings;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Setting;

/**
 * Moves a stored host to the id its connector reports now, when the connector names the stored id as one of the
 * host's previous ids ({@link HostIdentitySettings#PREVIOUS_IDS}): the host row and document, its networks and
 * traffic filters (whose ids start with the host id), the VMs placed on it, the change log, findings, exact
 * policy exceptions and alerts. The history then continues under the new id instead of a new host appearing
 * next to a stale one. Runs inside a sync's transaction, before the hosts are applied, and logs one
 * {@code SETTING_CHANGED id} change per host moved; the move is kept in {@code inv_host_alias}.
 *
 * <p>Nothing moves when the new id is already stored (the host was re-keyed before, or both ids are in use) or
 * when this run reports the previous id too.
 */
final class HostRekey {

    private static final int MAX_PREVIOUS = 8;

    private final Handle handle;
    private final ChangeLog log;

    HostRekey(Handle handle, ChangeLog log) {
        this.handle = handle;
        this.log = log;
    }

    /** Re-keys the hosts of this run that are stored under a previous id; returns how many moved. */
    int apply(List<Incoming<Host>> hosts, Map<String, List<String>> previousIds) {
        Set<String> reported = new HashSet<>();
        hosts.forEach(h -> reported.add(h.id()));
        int moved = 0;
        for (Incoming<Host> incoming : hosts) {
            String newId = incoming.id();
            if (exists(newId)) {
                continue;
            }
            for (String previous : previousIds.getOrDefault(newId, List.of())) {
                if (!previous.equals(newId) && !reported.contains(previous) && exists(previous)) {
                    move(previous, newId, incoming);
                    moved++;
                    break;
                }
            }
        }
        return moved;
    }

    static List<String> previousIds(Host host) {
        Setting s = host.settings().get(HostIdentitySettings.PREVIOUS_IDS);
        if (s == null || !s.isCollected() || s.value() == null) {
            return List.of();
        }
        return Arrays.stream(s.value().split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .limit(MAX_PREVIOUS).toList();
    }

    /** The host without its {@link HostIdentitySettings#PREVIOUS_IDS} setting (bookkeeping, not a setting). */
    static Host withoutPreviousIds(Host host) {
        if (!host.settings().containsKey(HostIdentitySettings.PREVIOUS_IDS)) {
            return host;
        }
        Map<String, Setting> settings = new LinkedHashMap<>(host.settings());
        settings.remove(HostIdentitySettings.PREVIOUS_IDS);
        return new Host(host.id(), host.sourceId(), host.name(), host.platform(), host.hypervisor(),
                host.productName(), host.productVersion(), host.productBuild(), host.componentVersions(),
                host.managementAddresses(), host.hardware(), host.clusterId(), host.siteId(), host.connectionState(),
                settings);
    }

    private boolean exists(String hostId) {
        return handle.createQuery("SELECT COUNT(*) FROM inv_host WHERE id = :id").bind("id", hostId)
                .mapTo(Integer.class).one() > 0;
    }

    private void move(String oldId, String newId, Incoming<Host> incoming) {
        Map<String, String> moved = new LinkedHashMap<>();
        moved.put(oldId, newId);
        moveRow(Tables.HOST, oldId, newId, oldId, newId);
        for (ObjectTable<?> table : List.of(Tables.NETWORK, Tables.FILTER)) {
            for (String id : idsOnHost(table, oldId)) {
                String to = id.startsWith(oldId + "/") ? newId + id.substring(oldId.length()) : id;
                if (to.equals(id)) {
                    handle.createUpdate("UPDATE " + table.table() + " SET host_id = :new WHERE id = :id")
                            .bind("new", newId).bind("id", id).execute();
                    rewriteDoc(table.docTable(), "id = :id", Map.of("id", id), oldId, newId);
                } else {
                    moveRow(table, id, to, oldId, newId);
                    moved.put(id, to);
                }
            }
        }
        rewriteDoc("inv_vm_doc", "id IN (SELECT id FROM inv_vm WHERE host_id = :old)", Map.of("old", oldId), oldId,
                newId);
        rewriteDoc("inv_nic_doc", "id IN (SELECT n.id FROM inv_nic n JOIN inv_vm v ON v.id = n.vm_id"
                + " WHERE v.host_id = :old)", Map.of("old", oldId), oldId, newId);
        handle.createUpdate("UPDATE inv_vm SET host_id = :new WHERE host_id = :old")
                .bind("new", newId).bind("old", oldId).execute();
        for (Map.Entry<String, String> e : moved.entrySet()) {
            handle.createUpdate("UPDATE inv_change SET object_id = :new WHERE object_id = :old")
                    .bind("new", e.getValue()).bind("old", e.getKey()).execute();
            handle.createUpdate("UPDATE finding SET resource_id = :new, doc = " + replaced()
                            + " WHERE resource_id = :old AND NOT EXISTS (SELECT 1 FROM finding f"
                            + " WHERE f.check_id = finding.check_id AND f.resource_id = :new)")
                    .bind("new", e.getValue()).bind("old", e.getKey())
                    .bind("oldq", quoted(oldId)).bind("newq", quoted(newId))
                    .bind("oldp", prefix(oldId)).bind("newp", prefix(newId)).execute();
            handle.createUpdate("UPDATE finding_zone SET resource_id = :new WHERE resource_id = :old"
                            + " AND NOT EXISTS (SELECT 1 FROM finding_zone z WHERE z.check_id = finding_zone.check_id"
                            + " AND z.resource_id = :new AND z.zone = finding_zone.zone)")
                    .bind("new", e.getValue()).bind("old", e.getKey()).execute();
            handle.createUpdate("UPDATE policy_exception SET resource_pattern = :new WHERE resource_pattern = :old"
                            + " AND NOT EXISTS (SELECT 1 FROM policy_exception p WHERE p.check_pattern"
                            + " = policy_exception.check_pattern AND p.resource_pattern = :new)")
                    .bind("new", e.getValue()).bind("old", e.getKey()).execute();
        }
        for (String column : List.of("old_value", "new_value")) {
            handle.createUpdate("UPDATE inv_change SET " + column + " = :new WHERE change_type = :moved AND "
                            + column + " = :old")
                    .bind("new", newId).bind("old", oldId).bind("moved", ChangeType.MOVED_HOST.name()).execute();
        }
        handle.createUpdate("UPDATE finding SET host_id = :new, doc = " + replaced() + " WHERE host_id = :old")
                .bind("new", newId).bind("old", oldId).bind("oldq", quoted(oldId)).bind("newq", quoted(newId))
                .bind("oldp", prefix(oldId)).bind("newp", prefix(newId)).execute();
        handle.createUpdate("UPDATE finding_zone SET host_id = :new WHERE host_id = :old")
                .bind("new", newId).bind("old", oldId).execute();
        handle.createUpdate("UPDATE alert SET target_host_id = :new, doc = " + replaced()
                        + " WHERE target_host_id = :old")
                .bind("new", newId).bind("old", oldId).bind("oldq", quoted(oldId)).bind("newq", quoted(newId))
                .bind("oldp", prefix(oldId)).bind("newp", prefix(newId)).execute();
        handle.createUpdate("UPDATE inv_host_alias SET host_id = :new WHERE host_id = :old")
                .bind("new", newId).bind("old", oldId).execute();
        handle.createUpdate("DELETE FROM inv_host_alias WHERE old_id = :old").bind("old", oldId).execute();
        handle.createUpdate("INSERT INTO inv_host_alias (old_id, host_id, rekeyed_at) VALUES (:old, :new, :at)")
                .bind("old", oldId).bind("new", newId).bind("at", log.at()).execute();
        log.add(incoming.sourceId(), ObjectType.HOST, newId, incoming.name(), ChangeType.SETTING_CHANGED, "id",
                oldId, newId);
    }

    private List<String> idsOnHost(ObjectTable<?> table, String hostId) {
        return new ArrayList<>(handle.createQuery("SELECT id FROM " + table.table() + " WHERE host_id = :h")
                .bind("h", hostId).mapTo(String.class).list());
    }

    /** Copies the row under its new id, moves its document there, and deletes the old row. */
    private void moveRow(ObjectTable<?> table, String fromId, String toId, String oldHost, String newHost) {
        List<String> columns = new ArrayList<>(List.of("source_id", "name", "content_hash", "first_seen",
                "last_seen", "removed_at"));
        table.columns().forEach(c -> columns.add(c.name()));
        String list = String.join(", ", columns);
        handle.createUpdate("INSERT INTO " + table.table() + " (id, " + list + ") SELECT :to, " + list + " FROM "
                + table.table() + " WHERE id = :from").bind("to", toId).bind("from", fromId).execute();
        if (!table.equals(Tables.HOST)) {
            handle.createUpdate("UPDATE " + table.table() + " SET host_id = :h WHERE id = :to")
                    .bind("h", newHost).bind("to", toId).execute();
        }
        handle.createUpdate("UPDATE " + table.docTable() + " SET id = :to WHERE id = :from")
                .bind("to", toId).bind("from", fromId).execute();
        rewriteDoc(table.docTable(), "id = :to", Map.of("to", toId), oldHost, newHost);
        handle.createUpdate("DELETE FROM " + table.table() + " WHERE id = :from").bind("from", fromId).execute();
    }

    private void rewriteDoc(String docTable, String where, Map<String, String> binds, String oldId, String newId) {
        var update = handle.createUpdate("UPDATE " + docTable + " SET doc = " + replaced() + " WHERE " + where)
                .bind("oldq", quoted(oldId)).bind("newq", quoted(newId))
                .bind("oldp", prefix(oldId)).bind("newp", prefix(newId));
        binds.forEach(update::bind);
        update.execute();
    }

    /** The document with the old id replaced where it stands as a JSON string or as the start of one. */
    private static String replaced() {
        return "REPLACE(REPLACE(doc, :oldq, :newq), :oldp, :newp)";
    }

    private static String quoted(String id) {
        return "\"" + json(id) + "\"";
    }

    private static String prefix(String id) {
        return "\"" + json(id) + "/";
    }

    private static String json(String id) {
        return id.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
