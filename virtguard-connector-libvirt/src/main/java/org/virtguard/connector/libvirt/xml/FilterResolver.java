package org.virtguard.connector.libvirt.xml;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.virtguard.model.Collected;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.TrafficFilterDefinition;

/**
 * Answers which spoofing protections a libvirt traffic filter gives once its includes are followed
 * (recursively, cycle-safe):
 * <ul>
 *   <li>{@link SpoofingProtection#MAC}: it is or includes {@code no-mac-spoofing} or {@code no-arp-mac-spoofing};</li>
 *   <li>{@link SpoofingProtection#IP}: it is or includes {@code no-ip-spoofing};</li>
 *   <li>{@link SpoofingProtection#ARP}: it is or includes {@code no-arp-spoofing}, {@code no-arp-ip-spoofing} or
 *       {@code no-arp-mac-spoofing}.</li>
 * </ul>
 * A filter that is not defined, or that includes one that is not, resolves to not collected: libvirt would
 * refuse to start such an interface, and nobody can say what it would do.
 *
 * <p>A resolver may fall back to libvirt's stock filter structure for names the host does not define (see
 * {@link #withStockFallback()}); {@link #stockOnly()} uses nothing else.
 */
public final class FilterResolver {

    private static final Map<String, Set<SpoofingProtection>> PROTECTIVE = Map.of(
            "no-mac-spoofing", EnumSet.of(SpoofingProtection.MAC),
            "no-ip-spoofing", EnumSet.of(SpoofingProtection.IP),
            "no-arp-spoofing", EnumSet.of(SpoofingProtection.ARP),
            "no-arp-ip-spoofing", EnumSet.of(SpoofingProtection.ARP),
            "no-arp-mac-spoofing", EnumSet.of(SpoofingProtection.ARP, SpoofingProtection.MAC));

    private final Map<String, List<String>> defined;
    private final boolean stockFallback;

    private FilterResolver(Map<String, List<String>> defined, boolean stockFallback) {
        this.defined = Map.copyOf(defined);
        this.stockFallback = stockFallback;
    }

    /** A resolver that knows exactly the given definitions (a host's {@code virsh nwfilter-list}). */
    public static FilterResolver of(Collection<TrafficFilterDefinition> definitions) {
        Map<String, List<String>> map = new HashMap<>();
        for (TrafficFilterDefinition d : definitions) {
            map.put(d.name(), d.includes());
        }
        return new FilterResolver(map, false);
    }

    /** A resolver that assumes libvirt's stock filters and nothing else. */
    public static FilterResolver stockOnly() {
        return new FilterResolver(Map.of(), true);
    }

    /** This resolver, also assuming libvirt's stock structure for stock names it does not define. */
    public FilterResolver withStockFallback() {
        return new FilterResolver(defined, true);
    }

    /** The protections the named filter gives, or not collected when it or an include is undefined. */
    public Collected<Set<SpoofingProtection>> protections(String filterName) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.push(filterName);
        EnumSet<SpoofingProtection> result = EnumSet.noneOf(SpoofingProtection.class);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            List<String> includes = includesOf(name);
            if (includes == null) {
                return Collected.notCollected("filter " + name + " is not defined on the host");
            }
            result.addAll(PROTECTIVE.getOrDefault(name, Set.of()));
            for (int i = includes.size() - 1; i >= 0; i--) {
                pending.push(includes.get(i));
            }
        }
        return Collected.of(Set.copyOf(result));
    }

    /**
     * The stock filters this resolver had to assume (not defined on the host) while resolving the given
     * filter names, sorted.
     */
    public Set<String> assumedStockFilters(Collection<String> filterNames) {
        Set<String> assumed = new TreeSet<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(filterNames);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            if (!defined.containsKey(name) && stockFallback && StockFilters.isStock(name)) {
                assumed.add(name);
            }
            List<String> includes = includesOf(name);
            if (includes != null) {
                pending.addAll(includes);
            }
        }
        return assumed;
    }

    /** Whether the resolver knows any definition of its own (besides the stock fallback). */
    public boolean hasDefinitions() {
        return !defined.isEmpty();
    }

    private List<String> includesOf(String name) {
        List<String> own = defined.get(name);
        if (own != null) {
            return own;
        }
        return stockFallback ? StockFilters.includes().get(name) : null;
    }
}
