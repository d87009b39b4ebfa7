package org.virtguard.store;

/**
 * How many objects a write touched.
 *
 * @param written   inserted or rewritten
 * @param unchanged identical to what was stored
 * @param removed   marked removed
 */
record Counts(int written, int unchanged, int removed) {

    static final Counts NONE = new Counts(0, 0, 0);

    static Counts of(Plan<?> plan) {
        int unchanged = (int) plan.count(Plan.Action.UNCHANGED);
        return new Counts(plan.steps().size() - unchanged, unchanged, plan.removed().size());
    }

    Counts plus(Counts other) {
        return new Counts(written + other.written, unchanged + other.unchanged, removed + other.removed);
    }
}
