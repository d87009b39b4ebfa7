package org.virtguard.store.response;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.Sql;
import org.virtguard.store.StoreException;

/**
 * Response actions and their approvals. Every status change is a compare-and-set on the current status, so
 * an action is decided once and executed at most once even when approvers race.
 */
public final class ResponseRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS = "id, action_kind, vm_id, vm_name, source_id, parameters, destructive, plan, "
            + "trigger_ref, reason, requested_by, requested_at, expires_at, status, decided_by, decided_at, "
            + "decision_note, finished_at, outcome";

    private final Jdbi jdbi;

    public ResponseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores a new request as {@link ActionStatus#PENDING} and returns its id. */
    public long create(ActionRequest r) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO response_action (action_kind, vm_id, vm_name, source_id, parameters, destructive,
                            plan, trigger_ref, reason, requested_by, requested_at, expires_at, status)
                        VALUES (:kind, :vm, :vmName, :source, :params, :destructive, :plan, :trigger, :reason, :by,
                            :at, :expires, 'PENDING')""")
                .bind("kind", r.kind()).bind("vm", r.vmId()).bind("vmName", r.vmName()).bind("source", r.sourceId())
                .bind("params", write(r.parameters())).bind("destructive", r.destructive())
                .bind("plan", write(r.plan())).bind("trigger", cut(r.trigger(), 1024))
                .bind("reason", cut(r.reason(), 2000)).bind("by", cut(r.requestedBy(), 256))
                .bind("at", Sql.truncate(r.requestedAt())).bind("expires", Sql.truncate(r.expiresAt()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<StoredAction> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM response_action WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    /**
     * Actions newest first.
     *
     * @param statuses only these statuses; empty for all
     */
    public List<StoredAction> list(Collection<ActionStatus> statuses, int limit) {
        List<String> names = statuses.stream().map(Enum::name).toList();
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM response_action"
                    + (names.isEmpty() ? "" : " WHERE status IN (<statuses>)") + " ORDER BY id DESC LIMIT :limit");
            if (!names.isEmpty()) {
                query.bindList("statuses", names);
            }
            return query.bind("limit", Math.max(1, limit)).map((rs, ctx) -> read(rs)).list();
        });
    }

    /**
     * Records a decision (approve, reject, cancel, expire) if the action is still in status {@code from}.
     *
     * @return whether this call made the change; {@code false} when someone else decided first
     */
    public boolean decide(long id, ActionStatus from, ActionStatus to, String actor, String note, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE response_action SET status = :to, decided_by = :actor, decided_at = :at,
                            decision_note = :note
                        WHERE id = :id AND status = :from""")
                .bind("to", to.name()).bind("actor", cut(actor, 256)).bind("at", Sql.truncate(at))
                .bind("note", cut(note, 2000)).bind("id", id).bind("from", from.name()).execute()) == 1;
    }

    /** Records how an executing action ended. */
    public boolean finish(long id, boolean succeeded, List<String> outcome, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE response_action SET status = :to, finished_at = :at, outcome = :outcome
                        WHERE id = :id AND status = 'EXECUTING'""")
                .bind("to", (succeeded ? ActionStatus.EXECUTED : ActionStatus.FAILED).name())
                .bind("at", Sql.truncate(at)).bind("outcome", write(outcome)).bind("id", id).execute()) == 1;
    }

    /** Pending actions whose approval window closed before {@code now}. */
    public List<StoredAction> overdue(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM response_action "
                        + "WHERE status = 'PENDING' AND expires_at < :now ORDER BY id")
                .bind("now", Sql.truncate(now)).map((rs, ctx) -> read(rs)).list());
    }

    static StoredAction read(ResultSet rs) throws SQLException {
        ActionRequest request = new ActionRequest(rs.getString("action_kind"), rs.getString("vm_id"),
                rs.getString("vm_name"), rs.getString("source_id"),
                readJson(rs.getString("parameters"), new TypeReference<Map<String, String>>() { }),
                rs.getBoolean("destructive"), readJson(rs.getString("plan"), new TypeReference<List<String>>() { }),
                rs.getString("trigger_ref"), rs.getString("reason"), rs.getString("requested_by"),
                Sql.instant(rs, "requested_at"), Sql.instant(rs, "expires_at"));
        String outcome = rs.getString("outcome");
        return new StoredAction(rs.getLong("id"), request, ActionStatus.valueOf(rs.getString("status")),
                rs.getString("decided_by"), Sql.instant(rs, "decided_at"), rs.getString("decision_note"),
                Sql.instant(rs, "finished_at"),
                outcome == null ? new ArrayList<>() : readJson(outcome, new TypeReference<List<String>>() { }));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException(org.virtguard.model.ErrorCode.INTERNAL, "cannot encode response action: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T readJson(String text, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt response action column: " + e.getOriginalMessage(), e);
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
