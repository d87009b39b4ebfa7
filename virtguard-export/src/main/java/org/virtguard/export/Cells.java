package org.virtguard.export;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.virtguard.model.Collected;
import org.virtguard.model.Setting;
import org.virtguard.model.VlanConfig;
import org.virtguard.model.VlanMode;

/** Cell texts shared by the tabs: not-collected values, VLANs, policies, lists. */
final class Cells {

    private Cells() {
    }

    /** {@code unknown (reason)}: a value that was not collected, never an empty cell that reads as fine. */
    static String unknown(String reason) {
        return reason == null || reason.isBlank() ? "unknown" : "unknown (" + reason + ")";
    }

    static String collected(Collected<String> value) {
        return value.isCollected() && value.value() != null ? value.value() : unknown(value.reason());
    }

    /** A layer-2 policy value: {@code accept}, {@code reject} or {@code unknown (reason)}. */
    static String policy(Collected<Boolean> value) {
        if (!value.isCollected() || value.value() == null) {
            return unknown(value.reason());
        }
        return value.value() ? "accept" : "reject";
    }

    static String vlan(Collected<VlanConfig> value) {
        if (!value.isCollected() || value.value() == null) {
            return unknown(value.reason());
        }
        VlanConfig v = value.value();
        if (v.mode() == VlanMode.NONE) {
            return "none";
        }
        StringBuilder b = new StringBuilder(v.mode().name().toLowerCase(java.util.Locale.ROOT));
        if (!v.ids().isEmpty()) {
            b.append(' ').append(v.ids().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (!v.ranges().isEmpty()) {
            b.append(' ').append(String.join(",", v.ranges()));
        }
        return b.toString();
    }

    /** A setting's value, {@code unknown (reason)} when not collected, {@code null} when absent. */
    static String setting(Map<String, Setting> settings, String key) {
        Setting s = settings.get(key);
        if (s == null) {
            return null;
        }
        return s.isCollected() ? s.value() : unknown(s.reason());
    }

    static String join(Collection<String> values) {
        return values == null ? "" : String.join("; ", values);
    }

    static long mib(long bytes) {
        return bytes / (1024L * 1024L);
    }

    static List<Object> list(Object... cells) {
        return java.util.Arrays.asList(cells);
    }
}
