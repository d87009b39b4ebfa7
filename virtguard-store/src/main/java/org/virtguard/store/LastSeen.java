package org.virtguard.store;

/**
 * The SQL of an object row's last-seen time. A sync moves its sources' {@code objects_seen_at} instead of
 * the {@code last_seen} of every unchanged row, so a present row was last seen at the later of the two; a
 * removed row's own column holds the value (see {@link #onRemoval}).
 */
final class LastSeen {

    private LastSeen() {
    }

    /**
     * The last-seen time of a present row {@code o} joined with its source {@code s}.
     *
     * @param row    alias of the object table
     * @param source alias of {@code inv_source}
     */
    static String ofPresent(String row, String source) {
        return "CASE WHEN " + source + ".objects_seen_at > " + row + ".last_seen THEN " + source
                + ".objects_seen_at ELSE " + row + ".last_seen END";
    }

    /**
     * The value an {@code UPDATE} of {@code table} that marks rows removed assigns to {@code last_seen}: the
     * row's last-seen time as it was while present, so that it stays right once the source moves on.
     */
    static String onRemoval(String table) {
        return "COALESCE((SELECT s.objects_seen_at FROM inv_source s WHERE s.id = " + table + ".source_id AND "
                + table + ".removed_at IS NULL AND s.objects_seen_at > " + table + ".last_seen), " + table
                + ".last_seen)";
    }
}
