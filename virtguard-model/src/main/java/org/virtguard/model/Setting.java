package org.virtguard.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A security-relevant configuration value of a host, cluster, VM or network, such as
 * {@code Security.AccountLockFailures} on ESXi or {@code isolation.tools.copy.disable} in a VM's
 * extraConfig. Values are kept as the source's text together with their declared type.
 *
 * @param key    the source's name for the setting
 * @param type   the declared value type
 * @param status whether the setting could be read
 * @param value  the source's textual value, {@code null} when not collected or unset
 * @param reason why it was not collected
 */
public record Setting(String key, SettingType type, CollectionStatus status, String value, String reason) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    public static Setting of(String key, SettingType type, String value) {
        return new Setting(key, type, CollectionStatus.COLLECTED, value, null);
    }

    public static Setting ofBoolean(String key, boolean value) {
        return of(key, SettingType.BOOLEAN, Boolean.toString(value));
    }

    public static Setting ofInteger(String key, long value) {
        return of(key, SettingType.INTEGER, Long.toString(value));
    }

    public static Setting ofString(String key, String value) {
        return of(key, SettingType.STRING, value);
    }

    public static Setting notCollected(String key, SettingType type, String reason) {
        return new Setting(key, type, CollectionStatus.NOT_COLLECTED, null, reason);
    }

    public boolean isCollected() {
        return status == CollectionStatus.COLLECTED;
    }

    public Optional<Boolean> asBoolean() {
        if (!isCollected() || value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> Optional.of(true);
            case "false", "no", "0", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    public Optional<Long> asLong() {
        if (!isCollected() || value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value as printed for people: the text, or {@code not collected (reason)}. */
    public String describe() {
        return isCollected() ? String.valueOf(value) : "not collected (" + reason + ")";
    }
}
