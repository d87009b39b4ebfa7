package org.virtguard.store.listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * What one list may be sorted and filtered by, as SQL fragments chosen from a fixed set, and the paged query
 * that runs a {@link ListRequest} over it: {@code ORDER BY <key> <dir>, <tie-break> LIMIT :limit OFFSET :offset}
 * plus a {@code COUNT(*)} with the same conditions. Sort keys name indexed columns where the list is large.
 */
public final class ListTable {

    /** A filter's SQL condition with the parameter {@code :v}, and the conversion of the user's text to it. */
    private record Filter(String condition, Function<String, Object> value) {
    }

    private final String from;
    private final String where;
    private final String tieBreak;
    private final String defaultSort;
    private final boolean defaultDescending;
    private final Map<String, String> sorts;
    private final Map<String, Filter> filters;
    private final String pageKey;
    private final String wideJoin;

    private ListTable(Builder b) {
        this.pageKey = b.pageKey;
        this.wideJoin = b.wideJoin;
        this.from = b.from;
        this.where = b.where;
        this.tieBreak = b.tieBreak;
        this.defaultSort = b.defaultSort;
        this.defaultDescending = b.defaultDescending;
        this.sorts = Map.copyOf(b.sorts);
        this.filters = Map.copyOf(b.filters);
    }

    /**
     * @param from     the {@code FROM} clause (tables and joins)
     * @param where    a condition every row meets, e.g. {@code o.removed_at IS NULL}, or {@code 1 = 1}
     * @param tieBreak unique column(s), comma-separated, appended to every order so that pages never overlap
     */
    public static Builder builder(String from, String where, String tieBreak) {
        return new Builder(from, where, tieBreak);
    }

    public Set<String> sortKeys() {
        return sorts.keySet();
    }

    public Set<String> filterKeys() {
        return filters.keySet();
    }

    public String defaultSort() {
        return defaultSort;
    }

    public boolean defaultDescending() {
        return defaultDescending;
    }

    /**
     * Runs the request.
     *
     * @param select the select list, e.g. {@code d.doc, o.first_seen}
     * @throws IllegalArgumentException for a sort or filter key this table does not know, or a filter value
     *                                  its conversion refuses
     */
    public <T> ListResult<T> run(Handle handle, String select, ListRequest request, RowMapper<T> mapper) {
        String sortKey = request.sort() == null ? defaultSort : request.sort();
        String order = sorts.get(sortKey);
        if (order == null) {
            throw new IllegalArgumentException("unknown sort '" + sortKey + "'; one of " + new java.util.TreeSet<>(sorts.keySet()));
        }
        boolean descending = request.sort() == null ? defaultDescending : request.descending();
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(request.filters()).entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                continue;
            }
            Filter filter = filters.get(e.getKey());
            if (filter == null) {
                throw new IllegalArgumentException("unknown filter '" + e.getKey() + "'; one of "
                        + new java.util.TreeSet<>(filters.keySet()));
            }
            String name = "v" + i++;
            conditions.add("(" + filter.condition().replace(":v", ":" + name) + ")");
            params.put(name, convert(e.getKey(), filter, e.getValue().strip()));
        }
        String whereSql = " WHERE " + where + (conditions.isEmpty() ? "" : " AND " + String.join(" AND ", conditions));
        String dir = descending ? " DESC" : " ASC";
        StringBuilder orderBy = new StringBuilder(order).append(dir);
        for (String part : tieBreak.split(",")) {
            orderBy.append(", ").append(part.strip()).append(dir);
        }
        String sql = pageKey == null
                ? "SELECT " + select + " FROM " + from + whereSql + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"
                // deferred join: find the page's keys on the narrow rows, then read the wide columns of those rows only
                : "SELECT " + select + " FROM " + from + " " + wideJoin + " WHERE " + pageKey + " IN (SELECT " + pageKey
                        + " FROM " + from + whereSql + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset) ORDER BY "
                        + orderBy;
        Query page = handle.createQuery(sql);
        params.forEach(page::bind);
        List<T> items = page.bind("limit", request.limit()).bind("offset", request.offset()).map(mapper).list();
        long total;
        if (request.offset() == 0 && items.size() < request.limit()) {
            total = items.size();
        } else {
            Query count = handle.createQuery("SELECT COUNT(*) FROM " + from + whereSql);
            params.forEach(count::bind);
            total = count.mapTo(Long.class).one();
        }
        return new ListResult<>(items, total);
    }

    private static Object convert(String key, Filter filter, String text) {
        try {
            return filter.value().apply(text);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null || e.getMessage().startsWith("No enum constant") ? "" : ": " + e.getMessage();
            throw new IllegalArgumentException("filter '" + key + "' cannot be '" + text + "'" + why, e);
        }
    }

    /** A {@code LIKE} pattern matching {@code text} anywhere, lower-cased, with the wildcards escaped by
     * {@code !} (use {@code ESCAPE '!'}: Jdbi's parser takes a backslash in a literal for an escape). */
    public static String contains(String text) {
        return "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
    }

    /** A {@code LIKE} pattern matching values that start with {@code text}, wildcards escaped. */
    public static String prefix(String text) {
        return escape(text) + "%";
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Builds a {@link ListTable}. */
    public static final class Builder {
        private final String from;
        private final String where;
        private final String tieBreak;
        private String defaultSort;
        private boolean defaultDescending;
        private final Map<String, String> sorts = new LinkedHashMap<>();
        private final Map<String, Filter> filters = new LinkedHashMap<>();
        private String pageKey;
        private String wideJoin;

        private Builder(String from, String where, String tieBreak) {
            this.from = from;
            this.where = where;
            this.tieBreak = tieBreak;
        }

        /** A sort key and the SQL expression it orders by. The first one added is the default, ascending. */
        public Builder sort(String key, String expression) {
            sorts.put(key, expression);
            if (defaultSort == null) {
                defaultSort = key;
            }
            return this;
        }

        /** The order without a sort parameter. */
        public Builder defaultSort(String key, boolean descending) {
            this.defaultSort = key;
            this.defaultDescending = descending;
            return this;
        }

        /** Rows where {@code expression} equals the value. */
        public Builder equals(String key, String expression) {
            return filter(key, expression + " = :v", v -> v);
        }

        /** Rows where one of the expressions contains the value, ignoring case. */
        public Builder containsAny(String key, String... expressions) {
            List<String> parts = new ArrayList<>();
            for (String e : expressions) {
                parts.add("LOWER(" + e + ") LIKE :v ESCAPE '!'");
            }
            return filter(key, String.join(" OR ", parts), ListTable::contains);
        }

        /** A condition on {@code :v} with the user's text converted by {@code value} (which may refuse it). */
        public Builder filter(String key, String condition, Function<String, Object> value) {
            filters.put(key, new Filter(condition, value));
            return this;
        }

        /**
         * Pages by key first: the order, filters and window run over the narrow rows, and {@code wideJoin} (e.g. the
         * join of a document table) is read only for the page's {@code key}s.
         */
        public Builder deferredJoin(String key, String join) {
            this.pageKey = key;
            this.wideJoin = join;
            return this;
        }

        public ListTable build() {
            if (defaultSort == null || !sorts.containsKey(defaultSort)) {
                throw new IllegalStateException("a list needs a default sort among its sort keys");
            }
            return new ListTable(this);
        }
    }
}
