package org.virtguard.model;

import java.util.Locale;

/**
 * Where a remote console listens.
 *
 * @param kind  how the listen address is given
 * @param value the address, network name or socket path ({@code null} for {@link Kind#HYPERVISOR_DEFAULT})
 */
public record ConsoleListen(Kind kind, String value) {

    /** How the listen address is given. */
    public enum Kind {
        /** An explicit IP address or host name. */
        ADDRESS,
        /** The address of a named virtual network on the host. */
        NETWORK,
        /** A UNIX socket: reachable only on the host. */
        SOCKET,
        /** No listening at all. */
        NONE,
        /** Nothing given: the hypervisor's default applies (qemu.conf vnc_listen/spice_listen). */
        HYPERVISOR_DEFAULT
    }

    /** Why the listen address of a console that names none is unknown, and how to make it known. */
    static final String DEFAULT_LISTEN = "the domain sets no listen address, so the host's default applies "
            + "(vnc_listen / spice_listen in /etc/libvirt/qemu.conf, which VirtGuard does not read); set an explicit "
            + "listen address on the console, e.g. 127.0.0.1";

    /** Whether this listen address is reachable from outside the host. */
    public Collected<Boolean> reachableBeyondLoopback() {
        return switch (kind) {
            case SOCKET, NONE -> Collected.of(false);
            case NETWORK -> Collected.of(true);
            case HYPERVISOR_DEFAULT -> Collected.notCollected(DEFAULT_LISTEN);
            case ADDRESS -> Collected.of(!isLoopback(value));
        };
    }

    /**
     * Whether this listen address is every interface of the host (a wildcard address such as {@code 0.0.0.0},
     * {@code ::} or oVirt's {@code 0}): reachable from every network the host is on, not only loopback or the
     * management network. Not collected when the hypervisor's default applies.
     */
    public Collected<Boolean> everyInterface() {
        return switch (kind) {
            case SOCKET, NONE, NETWORK -> Collected.of(false);
            case HYPERVISOR_DEFAULT -> Collected.notCollected(DEFAULT_LISTEN);
            case ADDRESS -> Collected.of(isWildcard(value));
        };
    }

    static boolean isWildcard(String address) {
        if (address == null) {
            return false;
        }
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.equals("*") || a.equals("0")) {
            return true;
        }
        if (a.matches("0+(\\.0+){3}")) {
            return true;
        }
        return a.contains("::") && a.matches("[0:]+") || a.matches("0+(:0+){7}");
    }

    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        return a.startsWith("127.") || a.equals("::1") || a.equals("localhost") || a.equals("[::1]");
    }
}
