package org.virtguard.policy.zones;

import java.util.List;
import java.util.Map;

import org.virtguard.model.net.Cidr;
import org.virtguard.policy.cel.Globs;

/**
 * Selects objects by name glob, network / port group name glob, VLAN id, CIDR or label value;
 * an object matches when any given criterion matches.
 */
public record Selector(List<String> names, List<String> networks, List<Integer> vlans, List<Cidr> cidrs,
                       Map<String, String> labels) {
    public Selector {
        names = List.copyOf(names == null ? List.of() : names);
        networks = List.copyOf(networks == null ? List.of() : networks);
        vlans = List.copyOf(vlans == null ? List.of() : vlans);
        cidrs = List.copyOf(cidrs == null ? List.of() : cidrs);
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    public boolean matchesName(String name) {
        return anyGlob(names, name);
    }

    public boolean matchesNetwork(String network) {
        return anyGlob(networks, network);
    }

    public boolean matchesVlan(List<Integer> ids) {
        for (Integer id : ids) {
            if (vlans.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the address literal (an {@code /n} suffix is ignored) is inside one of the CIDRs. */
    public boolean matchesAddress(String address) {
        if (address == null || cidrs.isEmpty()) {
            return false;
        }
        int slash = address.indexOf('/');
        String literal = slash < 0 ? address : address.substring(0, slash);
        for (Cidr c : cidrs) {
            if (c.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    public boolean matchesLabels(Map<String, String> objectLabels) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String v = objectLabels.get(e.getKey());
            if (v == null) {
                v = objectLabels.get("tag." + e.getKey());
            }
            if (v != null && Globs.matches(v, e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyGlob(List<String> patterns, String text) {
        if (text == null) {
            return false;
        }
        for (String p : patterns) {
            if (Globs.matches(text, p)) {
                return true;
            }
        }
        return false;
    }
}
