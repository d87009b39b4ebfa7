package org.virtguard.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** HTML escaping and small formatting helpers; every value from the inventory or a user goes through {@link #esc}. */
public final class Html {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A path segment, percent-encoded. */
    public static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** A stable colour class for a zone name. */
    public static String zoneClass(String zone) {
        return zone == null ? "zone-none" : "zone-c" + Math.floorMod(zone.hashCode(), 8);
    }

    public static String zoneBadge(String zone) {
        return "<span class=\"zone " + zoneClass(zone) + "\">" + esc(zone == null ? "no zone" : zone) + "</span>";
    }

    public static String severityBadge(String severity) {
        return "<span class=\"sev sev-" + esc(severity.toLowerCase(java.util.Locale.ROOT)) + "\">" + esc(severity)
                + "</span>";
    }

    /** A VLAN setting as people write it: "none", "access 20", "trunk 20, 21, 100-110", or "not collected". */
    public static String vlan(org.virtguard.model.Collected<org.virtguard.model.VlanConfig> vlan) {
        if (vlan == null || !vlan.isCollected() || vlan.value() == null) {
            return "not collected";
        }
        org.virtguard.model.VlanConfig v = vlan.value();
        java.util.List<String> parts = new java.util.ArrayList<>();
        v.ids().forEach(id -> parts.add(String.valueOf(id)));
        parts.addAll(v.ranges());
        String mode = v.mode() == null ? "" : v.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return parts.isEmpty() ? ("none".equals(mode) || mode.isEmpty() ? "none" : mode) : mode + " " + String.join(", ", parts);
    }

    /** Labels as "key=value, key=value" sorted by key, or "none". */
    public static String labels(java.util.Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "none";
        }
        java.util.StringJoiner out = new java.util.StringJoiner(", ");
        new java.util.TreeMap<>(labels).forEach((k, v) -> out.add(k + ": " + v));
        return out.toString();
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
