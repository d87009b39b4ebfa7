package org.virtguard.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VM remote console (graphics device).
 *
 * @param type            protocol
 * @param listens         where it listens
 * @param port            fixed port, or {@code null} for auto-allocated
 * @param passwordSet     whether a console password is configured
 * @param passwordValidTo expiry of the password as written by the source, or {@code null}
 * @param attributes      other attributes (tls port, sasl, default mode, ...)
 */
public record Console(ConsoleType type, List<ConsoleListen> listens, Integer port, Collected<Boolean> passwordSet,
                      String passwordValidTo, Map<String, String> attributes) {
    public Console {
        Objects.requireNonNull(type, "type");
        listens = List.copyOf(listens == null ? List.of() : listens);
        passwordSet = passwordSet == null ? Collected.notCollected("not reported") : passwordSet;
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    /**
     * Whether any listen address is reachable beyond loopback: true if one certainly is, false if all
     * certainly are not, not collected otherwise.
     */
    public Collected<Boolean> reachableBeyondLoopback() {
        return any(ConsoleListen::reachableBeyondLoopback);
    }

    /**
     * Whether any listen address is every interface of the host ({@link ConsoleListen#everyInterface()}): true if
     * one certainly is, false if none is, not collected otherwise.
     */
    public Collected<Boolean> listensOnEveryInterface() {
        return any(ConsoleListen::everyInterface);
    }

    private Collected<Boolean> any(java.util.function.Function<ConsoleListen, Collected<Boolean>> test) {
        boolean unknown = false;
        String reason = null;
        for (ConsoleListen listen : listens) {
            Collected<Boolean> r = test.apply(listen);
            if (!r.isCollected()) {
                unknown = true;
                reason = r.reason();
            } else if (Boolean.TRUE.equals(r.value())) {
                return Collected.of(true);
            }
        }
        return unknown ? Collected.notCollected(reason) : Collected.of(false);
    }
}
