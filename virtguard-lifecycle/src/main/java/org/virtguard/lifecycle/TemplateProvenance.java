package org.virtguard.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.virtguard.model.Setting;
import org.virtguard.model.TemplateSettings;
import org.virtguard.model.VirtualMachine;

/**
 * Which template a VM was deployed from and how old that template was then, as the connectors record it in the
 * settings {@value #DEPLOYED_FROM} and {@value #TEMPLATE_UPDATED_AT} (libvirt domain metadata, vSphere
 * extraConfig written by VirtGuard's redeploy).
 *
 * @param template        the template's name
 * @param templateUpdated when the template had last been updated at deploy time, or {@code null} when unknown
 */
public record TemplateProvenance(String template, Instant templateUpdated) {

    /** Setting: the template a VM was deployed from. */
    public static final String DEPLOYED_FROM = TemplateSettings.DEPLOYED_FROM;
    /** Setting: when that template had last been updated at deploy time (RFC 3339). */
    public static final String TEMPLATE_UPDATED_AT = TemplateSettings.DEPLOYED_FROM_TEMPLATE_UPDATED_AT;

    /** What is said when the VM's template is not known. */
    public static final String UNKNOWN = "template unknown";

    /** The VM's provenance, or empty when it has no usable {@value #DEPLOYED_FROM} setting. */
    public static Optional<TemplateProvenance> of(VirtualMachine vm) {
        String from = value(vm, DEPLOYED_FROM);
        if (from == null || from.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new TemplateProvenance(from, TemplateSettings.time(value(vm, TEMPLATE_UPDATED_AT))));
    }

    /**
     * One line for people, e.g. {@code deployed from template golden-web (template updated 200 days ago)}, the age
     * counted up to {@code at}.
     */
    public String describe(Instant at) {
        return "deployed from template " + template + " (template updated " + age(at) + ")";
    }

    private String age(Instant at) {
        if (templateUpdated == null) {
            return "at an unknown time";
        }
        long days = Math.max(0, Duration.between(templateUpdated, at).toDays());
        if (days == 0) {
            return "less than a day ago";
        }
        return days + " day" + (days == 1 ? "" : "s") + " ago";
    }

    private static String value(VirtualMachine vm, String key) {
        Setting s = vm.settings().get(key);
        return s == null || !s.isCollected() ? null : s.value();
    }
}
