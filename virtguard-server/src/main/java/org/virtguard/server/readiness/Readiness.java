package org.virtguard.server.readiness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link ReadinessView} made of named components, each asked on every {@code /ready} call. The service
 * registers its parts here (the store probe first, then listeners and sources). Thread-safe.
 */
public final class Readiness implements ReadinessView {

    /** The overall answer of {@code /ready}. */
    public enum Overall {
        /** Every component is up. */
        READY,
        /** Serving, but some component is degraded, or a non-critical one is down. */
        DEGRADED,
        /** A critical component is down. */
        NOT_READY;

        /** The JSON text: {@code ready}, {@code degraded}, {@code not-ready}. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<String, Supplier<ComponentStatus>> components = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * Adds or replaces a component.
     *
     * @param status answers from memory, quickly; an exception it throws shows the component as down
     * @return this
     */
    public Readiness component(String name, Supplier<ComponentStatus> status) {
        components.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(status, "status"));
        return this;
    }

    @Override
    public Map<String, ComponentStatus> components() {
        Map<String, Supplier<ComponentStatus>> copy;
        synchronized (components) {
            copy = new LinkedHashMap<>(components);
        }
        Map<String, ComponentStatus> states = new LinkedHashMap<>();
        copy.forEach((name, supplier) -> states.put(name, ask(supplier)));
        return states;
    }

    /** Not ready when a critical component is down; degraded when anything else is not up; else ready. */
    public static Overall overall(Map<String, ComponentStatus> components) {
        Overall result = Overall.READY;
        for (ComponentStatus c : components.values()) {
            if (c.state() == ComponentStatus.State.DOWN && c.critical()) {
                return Overall.NOT_READY;
            }
            if (c.state() != ComponentStatus.State.UP) {
                result = Overall.DEGRADED;
            }
        }
        return result;
    }

    private static ComponentStatus ask(Supplier<ComponentStatus> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return new ComponentStatus(ComponentStatus.State.DOWN, false, null,
                    Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
