package org.virtguard.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The VM settings that carry a template's age and a VM's provenance, whichever hypervisor they come from, and the
 * rules every connector applies to their values before setting them: a template name must be usable, a time must
 * be RFC 3339 with an offset. Values that break the rules are left out (the checks then say NOT_COLLECTED).
 */
public final class TemplateSettings {

    /** When a template was last updated (RFC 3339). */
    public static final String TEMPLATE_UPDATED_AT = "vm.templateUpdatedAt";
    /** The template a VM was deployed from. */
    public static final String DEPLOYED_FROM = "vm.deployedFrom";
    /** When that template had last been updated, at deploy time (RFC 3339). */
    public static final String DEPLOYED_FROM_TEMPLATE_UPDATED_AT = "vm.deployedFromTemplateUpdatedAt";
    /** When the VM was deployed (RFC 3339). */
    public static final String DEPLOYED_AT = "vm.deployedAt";

    /** The longest template name kept. */
    public static final int MAX_NAME_LENGTH = 256;
    private static final int MAX_TIME_LENGTH = 64;

    private TemplateSettings() {
    }

    /** The name, or {@code null} when it is null, blank, longer than {@value #MAX_NAME_LENGTH} or has control characters. */
    public static String templateName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return name;
    }

    /**
     * An RFC 3339 time with an offset in years 1 to 9999 (what policy rules can compare), or {@code null} when the
     * text is not one (or is longer than any such time).
     */
    public static Instant time(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TIME_LENGTH) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            int year = t.withOffsetSameInstant(ZoneOffset.UTC).getYear();
            return year >= 1 && year <= 9999 ? t.toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
