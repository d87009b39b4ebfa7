package org.virtguard.policy.view;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Small views that thousands of resources have in common (a port group's L2 policy, a VLAN setting, a trust zone),
 * made once and shared: views are immutable, so sharing changes no value, and an inventory's views take less memory
 * and stay in cache. Each cache is bounded; past its bound (a hostile or unusual inventory) views are made afresh.
 */
final class SharedViews<K> {

    /** Distinct values kept per kind of view. */
    static final int BOUND = 4096;

    private final Map<K, Map<String, Object>> views = new ConcurrentHashMap<>();
    private final Function<K, Map<String, Object>> make;

    SharedViews(Function<K, Map<String, Object>> make) {
        this.make = make;
    }

    /** The view of {@code key}: the shared one, or a fresh one when the bound is reached. */
    Map<String, Object> of(K key) {
        Map<String, Object> view = views.get(key);
        if (view != null) {
            return view;
        }
        view = make.apply(key);
        if (views.size() < BOUND) {
            Map<String, Object> raced = views.putIfAbsent(key, view);
            return raced == null ? view : raced;
        }
        return view;
    }

    int size() {
        return views.size();
    }
}
