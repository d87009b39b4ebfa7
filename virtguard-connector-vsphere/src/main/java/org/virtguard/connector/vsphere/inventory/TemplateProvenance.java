package org.virtguard.connector.vsphere.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Setting;
import org.virtguard.model.TemplateSettings;
import org.virtguard.model.VirtualMachine;

/**
 * Template age and VM provenance on vSphere.
 *
 * <p>A template's update time ({@value #TEMPLATE_UPDATED_AT}) is its {@code config.modified}, or its
 * {@code config.createDate} when the server reports no usable modification time (vCenter reports the epoch for
 * "unknown"); with neither the setting is left out, so checks on it say NOT_COLLECTED. {@code config.modified}
 * is the last configuration change, which is the closest vSphere keeps to "last updated".
 *
 * <p>Provenance is written by VirtGuard's redeploy into the new VM's extraConfig ({@value #EXTRA_DEPLOYED_FROM},
 * {@value #EXTRA_DEPLOYED_AT}, {@value #EXTRA_TEMPLATE_UPDATED_AT}) and read back into {@value #DEPLOYED_FROM},
 * {@value #DEPLOYED_AT} and {@value #DEPLOYED_FROM_TEMPLATE_UPDATED_AT}. Values that are not a usable name or
 * RFC 3339 time are left out.
 */
public final class TemplateProvenance {

    /** Setting: when a template was last updated (RFC 3339). */
    public static final String TEMPLATE_UPDATED_AT = TemplateSettings.TEMPLATE_UPDATED_AT;
    /** Setting: the template a VM was deployed from. */
    public static final String DEPLOYED_FROM = TemplateSettings.DEPLOYED_FROM;
    /** Setting: when that template had last been updated at deploy time (RFC 3339). */
    public static final String DEPLOYED_FROM_TEMPLATE_UPDATED_AT = TemplateSettings.DEPLOYED_FROM_TEMPLATE_UPDATED_AT;
    /** Setting: when the VM was deployed (RFC 3339). */
    public static final String DEPLOYED_AT = TemplateSettings.DEPLOYED_AT;

    /** extraConfig key: the template's name. */
    public static final String EXTRA_DEPLOYED_FROM = "guestinfo.virtguard.deployedFrom";
    /** extraConfig key: the deploy time. */
    public static final String EXTRA_DEPLOYED_AT = "guestinfo.virtguard.deployedAt";
    /** extraConfig key: the template's update time at deploy time. */
    public static final String EXTRA_TEMPLATE_UPDATED_AT = "guestinfo.virtguard.deployedFromTemplateUpdatedAt";

    private TemplateProvenance() {
    }

    /**
     * When a template was last updated: {@code modified} when it is a usable time after the epoch, else
     * {@code createDate} likewise, else {@code null}.
     */
    public static Instant templateUpdated(String modified, String createDate) {
        Instant m = afterEpoch(rfc3339(modified));
        return m != null ? m : afterEpoch(rfc3339(createDate));
    }

    /** The properties {@link #templateUpdated} reads, for a server with this API version. */
    public static List<String> ageProperties(String apiVersion) {
        return Props.atLeast(apiVersion, 6, 7) ? List.of("config.modified", "config.createDate")
                : List.of("config.modified");
    }

    /** Sets the template's update time, when known. */
    static void template(String modified, String createDate, VirtualMachine.Builder vm) {
        Instant t = templateUpdated(modified, createDate);
        if (t != null) {
            vm.setting(Setting.ofString(TEMPLATE_UPDATED_AT, t.toString()));
        }
    }

    /** Sets the provenance settings from the VM's extraConfig. */
    static void provenance(Map<String, OptionValues.Value> extraConfig, VirtualMachine.Builder vm) {
        String from = text(extraConfig, EXTRA_DEPLOYED_FROM);
        if (TemplateSettings.templateName(from) != null) {
            vm.setting(Setting.ofString(DEPLOYED_FROM, from));
        }
        time(extraConfig, EXTRA_TEMPLATE_UPDATED_AT, DEPLOYED_FROM_TEMPLATE_UPDATED_AT, vm);
        time(extraConfig, EXTRA_DEPLOYED_AT, DEPLOYED_AT, vm);
    }

    /** An RFC 3339 time with an offset in years 1 to 9999, or {@code null} (see {@link TemplateSettings#time}). */
    static Instant rfc3339(String text) {
        return TemplateSettings.time(text);
    }

    private static Instant afterEpoch(Instant t) {
        return t != null && t.isAfter(Instant.EPOCH) ? t : null;
    }

    private static String text(Map<String, OptionValues.Value> extraConfig, String key) {
        OptionValues.Value v = extraConfig.get(key);
        return v == null ? null : v.text();
    }

    private static void time(Map<String, OptionValues.Value> extraConfig, String extraKey, String settingKey,
                             VirtualMachine.Builder vm) {
        Instant t = rfc3339(text(extraConfig, extraKey));
        if (t != null) {
            vm.setting(Setting.ofString(settingKey, t.toString()));
        }
    }
}
