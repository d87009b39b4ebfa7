package org.virtguard.connector.vsphere.inventory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.virtguard.model.Setting;
import org.virtguard.model.SettingType;

/** Collects settings by key; a value that could not be read becomes a NOT_COLLECTED setting with its reason. */
final class SettingsBuilder {

    private final Map<String, Setting> settings = new LinkedHashMap<>();

    SettingsBuilder put(String key, SettingType type, String value) {
        settings.put(key, Setting.of(key, type, value));
        return this;
    }

    SettingsBuilder bool(String key, Boolean value, String reasonIfNull) {
        settings.put(key, value == null ? Setting.notCollected(key, SettingType.BOOLEAN, reasonIfNull)
                : Setting.ofBoolean(key, value));
        return this;
    }

    SettingsBuilder string(String key, String value, String reasonIfNull) {
        settings.put(key, value == null ? Setting.notCollected(key, SettingType.STRING, reasonIfNull)
                : Setting.ofString(key, value));
        return this;
    }

    SettingsBuilder integer(String key, Long value, String reasonIfNull) {
        settings.put(key, value == null ? Setting.notCollected(key, SettingType.INTEGER, reasonIfNull)
                : Setting.ofInteger(key, value));
        return this;
    }

    SettingsBuilder list(String key, Collection<String> values, String reasonIfNull) {
        settings.put(key, values == null ? Setting.notCollected(key, SettingType.LIST, reasonIfNull)
                : Setting.of(key, SettingType.LIST, String.join(",", values)));
        return this;
    }

    SettingsBuilder notCollected(String key, SettingType type, String reason) {
        settings.put(key, Setting.notCollected(key, type, reason));
        return this;
    }

    Map<String, Setting> build() {
        return settings;
    }
}
