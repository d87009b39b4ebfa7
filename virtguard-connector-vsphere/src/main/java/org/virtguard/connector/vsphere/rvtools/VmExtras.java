package org.virtguard.connector.vsphere.rvtools;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.virtguard.model.DeviceKind;
import org.virtguard.model.Setting;
import org.virtguard.model.SettingType;
import org.virtguard.model.Snapshot;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualMachine;

/** Adds the vTools, vSnapshot and vUSB tabs to a VM. */
final class VmExtras {

    private static final List<DateTimeFormatter> TIMES = List.of(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss"));

    private VmExtras() {
    }

    static void apply(VirtualMachine.Builder b, List<Map<String, String>> tools, List<Map<String, String>> snapshots,
                      List<Map<String, String>> usb) {
        if (tools == null || tools.isEmpty()) {
            b.setting(Setting.notCollected("tools.status", SettingType.STRING, "not in the RVTools export (vTools)"));
        } else {
            Map<String, String> t = tools.get(0);
            String status = t.get("tools");
            b.setting(status == null || status.isBlank()
                    ? Setting.notCollected("tools.status", SettingType.STRING, "empty in vTools")
                    : Setting.ofString("tools.status", status));
            String version = t.get("toolsversion");
            if (version != null && !version.isBlank()) {
                b.setting(Setting.ofString("tools.version", version));
            }
        }
        for (Map<String, String> s : snapshots) {
            String name = s.get("name");
            if (name != null && !name.isBlank()) {
                b.addSnapshot(new Snapshot(name, blankToNull(s.get("description")), time(first(s, "datetime", "date")),
                        null, false));
            }
        }
        for (Map<String, String> u : usb) {
            Map<String, String> attrs = new LinkedHashMap<>();
            putIfPresent(attrs, "path", u.get("path"));
            putIfPresent(attrs, "vendor", first(u, "vendor", "family"));
            putIfPresent(attrs, "product", first(u, "model", "devicetype"));
            b.addDevice(new VirtualDevice(DeviceKind.USB_DEVICE, "VirtualUSB", first(u, "devicetype", "model"), attrs,
                    "true".equalsIgnoreCase(u.get("connected"))));
        }
    }

    private static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (DateTimeFormatter f : TIMES) {
            try {
                return LocalDateTime.parse(text.trim(), f.withLocale(Locale.ROOT)).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next layout
            }
        }
        return null;
    }

    private static String first(Map<String, String> r, String... keys) {
        for (String k : keys) {
            String v = r.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
