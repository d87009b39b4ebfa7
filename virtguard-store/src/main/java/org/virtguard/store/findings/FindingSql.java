package org.virtguard.store.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.statement.Query;

/**
 * A {@link FindingQuery} as SQL: the table to read, the WHERE clause and its bindings. Without a zone filter the
 * query reads {@code finding f}; with one it reads {@code finding_zone z} alone, which repeats every column the
 * other filters test (open flag, severity, check, resource, status, area, host), so it never joins.
 */
final class FindingSql {

    private final String from;
    private final String order;
    private final String sql;
    private final Map<String, Object> bindings;

    private FindingSql(String from, String order, String sql, Map<String, Object> bindings) {
        this.from = from;
        this.order = order;
        this.sql = sql;
        this.bindings = bindings;
    }

    static FindingSql where(FindingQuery q) {
        boolean byZone = q.zone() != null;
        String o = byZone ? "z" : "f";
        String from = byZone ? "finding_zone z" : "finding f";
        List<String> conditions = new ArrayList<>();
        Map<String, Object> bindings = new LinkedHashMap<>();
        add(conditions, bindings, q.zone(), "z.zone = :zone", "zone");
        add(conditions, bindings, !q.resolved(), o + ".is_open = :open", "open");
        add(conditions, bindings, q.minSeverity() == null ? null : q.minSeverity().ordinal(),
                o + ".severity_rank >= :minRank", "minRank");
        add(conditions, bindings, q.checkId(), o + ".check_id = :check", "check");
        add(conditions, bindings, q.area(), o + ".area = :area", "area");
        add(conditions, bindings, q.hostId(), o + ".host_id = :host", "host");
        add(conditions, bindings, q.status(), o + ".status = :status", "status");
        add(conditions, bindings, q.actionable() ? "NOT_COLLECTED" : null, o + ".status <> :notCollected",
                "notCollected");
        if (q.vmId() != null) {
            conditions.add("(" + o + ".resource_id = :vm OR " + o + ".resource_id LIKE :vmNics ESCAPE '!')");
            bindings.put("vm", q.vmId());
            bindings.put("vmNics", q.vmId().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%");
        }
        String order = " ORDER BY " + o + ".severity_rank DESC, " + o + ".check_id, " + o + ".resource_id";
        return new FindingSql(from, order, " WHERE " + String.join(" AND ", conditions), bindings);
    }

    private static void add(List<String> conditions, Map<String, Object> bindings, Object value, String condition,
                            String name) {
        if (value != null) {
            conditions.add(condition);
            bindings.put(name, value);
        }
    }

    /** The table to read, aliased {@code f} or {@code z}. */
    String from() {
        return from;
    }

    /** The WHERE clause, with a leading space. */
    String sql() {
        return sql;
    }

    /** The matching keys (check_id, resource_id, severity_rank) in list order, without LIMIT. */
    String keys() {
        String o = from.startsWith("finding f") ? "f" : "z";
        return "SELECT " + o + ".check_id, " + o + ".resource_id, " + o + ".severity_rank FROM " + from + sql + order;
    }

    Query bind(Query query) {
        bindings.forEach(query::bind);
        return query;
    }
}
