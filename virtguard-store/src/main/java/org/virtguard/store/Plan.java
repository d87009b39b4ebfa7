package org.virtguard.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How incoming objects of one kind relate to what the store holds: which are new, back after removal,
 * unchanged or changed, and which stored ones have gone.
 *
 * @param steps   one step per incoming object, in incoming order
 * @param removed present rows of the sources in scope that no incoming object matches
 */
record Plan<T>(List<Step<T>> steps, List<PriorRow> removed) {

    /** What to do with one incoming object. */
    enum Action { INSERT, REVIVE, UNCHANGED, UPDATE }

    /**
     * @param prior the stored row, or {@code null} for a new object
     */
    record Step<T>(Action action, Incoming<T> incoming, PriorRow prior) {

        /** Whether the content differs from the stored one (not just the source or the name). */
        boolean contentChanged() {
            return action == Action.UPDATE && !prior.hash().equals(incoming.hash());
        }
    }

    /**
     * Loads in bulk what the store holds for the incoming objects and for the sources in scope, and
     * classifies.
     *
     * @param removalScope sources whose present objects missing from {@code incoming} count as removed
     */
    static <T> Plan<T> of(ObjectRows<T> rows, List<Incoming<T>> incoming, Collection<String> removalScope) {
        Map<String, PriorRow> prior = rows.bySources(removalScope);
        List<String> unknown = incoming.stream().map(Incoming::id).filter(id -> !prior.containsKey(id)).toList();
        prior.putAll(rows.byIds(unknown));

        List<Step<T>> steps = new ArrayList<>(incoming.size());
        Set<String> seen = new HashSet<>();
        for (Incoming<T> object : incoming) {
            seen.add(object.id());
            PriorRow row = prior.get(object.id());
            steps.add(new Step<>(classify(object, row), object, row));
        }
        Set<String> scope = Set.copyOf(removalScope);
        List<PriorRow> removed = prior.values().stream()
                .filter(row -> !row.removed() && scope.contains(row.sourceId()) && !seen.contains(row.id()))
                .toList();
        return new Plan<>(steps, removed);
    }

    private static Action classify(Incoming<?> object, PriorRow row) {
        if (row == null) {
            return Action.INSERT;
        }
        if (row.removed()) {
            return Action.REVIVE;
        }
        return row.sameAs(object) ? Action.UNCHANGED : Action.UPDATE;
    }

    List<Incoming<T>> incoming(Action action) {
        return steps.stream().filter(s -> s.action() == action).map(Step::incoming).toList();
    }

    /** Objects that need their row rewritten: revived and updated ones. */
    List<Incoming<T>> rewrites() {
        return steps.stream().filter(s -> s.action() == Action.REVIVE || s.action() == Action.UPDATE)
                .map(Step::incoming).toList();
    }

    /** Ids of updated objects whose content changed, whose stored documents are needed to diff. */
    List<String> contentChangedIds() {
        return steps.stream().filter(Step::contentChanged).map(s -> s.incoming().id()).toList();
    }

    long count(Action action) {
        return steps.stream().filter(s -> s.action() == action).count();
    }
}
