package org.virtguard.connector.libvirt.xml;

import java.time.Instant;
import java.util.List;

import org.virtguard.model.Setting;
import org.virtguard.model.TemplateSettings;
import org.virtguard.model.VirtualMachine;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads VirtGuard's template and provenance marks from a domain's {@code <metadata>}. libvirt keeps no
 * modification time, so VirtGuard records them itself in one namespace:
 * <pre>{@code
 * <vg:template xmlns:vg="https://virtguard.org/xmlns/template/1" updated="2026-05-01T00:00:00Z"/>
 * <vg:deployed xmlns:vg="https://virtguard.org/xmlns/template/1" from="golden-web"
 *              templateUpdated="2026-05-01T00:00:00Z" at="2026-05-03T09:12:00Z"/>
 * }</pre>
 * {@code <vg:template>} makes the domain a template ({@link VirtualMachine#template()}) updated at
 * {@value #TEMPLATE_UPDATED_AT}; {@code <vg:deployed>} tells which template a VM was deployed from
 * ({@value #DEPLOYED_FROM}, {@value #DEPLOYED_FROM_TEMPLATE_UPDATED_AT}, {@value #DEPLOYED_AT}). libvirt keeps one
 * top-level metadata element per namespace, so a defined domain carries one of the two.
 *
 * <p>The input is domain XML a guest owner may control: a value that is not an RFC 3339 time (or a template name
 * that is blank, too long or has control characters) is left out with an issue and never fails the parse.
 */
public final class ProvenanceParser {

    /** The namespace of VirtGuard's template and provenance marks in domain metadata. */
    public static final String NAMESPACE = "https://virtguard.org/xmlns/template/1";
    /** The prefix VirtGuard writes the namespace with. */
    public static final String PREFIX = "vg";
    /** The element that marks a template. */
    public static final String TEMPLATE = "template";
    /** The element that records where a VM came from. */
    public static final String DEPLOYED = "deployed";

    /** Setting: when a template was last updated (RFC 3339). */
    public static final String TEMPLATE_UPDATED_AT = TemplateSettings.TEMPLATE_UPDATED_AT;
    /** Setting: the name of the template a VM was deployed from. */
    public static final String DEPLOYED_FROM = TemplateSettings.DEPLOYED_FROM;
    /** Setting: when that template had last been updated at deploy time (RFC 3339). */
    public static final String DEPLOYED_FROM_TEMPLATE_UPDATED_AT = TemplateSettings.DEPLOYED_FROM_TEMPLATE_UPDATED_AT;
    /** Setting: when the VM was deployed (RFC 3339). */
    public static final String DEPLOYED_AT = TemplateSettings.DEPLOYED_AT;

    /** The longest template name kept (libvirt domain names are far shorter in practice). */
    static final int MAX_NAME_LENGTH = TemplateSettings.MAX_NAME_LENGTH;

    private ProvenanceParser() {
    }

    /**
     * Sets the template flag and the provenance settings from {@code metadata} (which may be {@code null}); adds
     * one issue per value left out.
     */
    static void apply(Element metadata, XmlOrigin origin, VirtualMachine.Builder vm, List<String> issues) {
        Element template = Dom.childNS(metadata, NAMESPACE, TEMPLATE);
        if (template != null) {
            vm.template(true);
            time(template, "updated", TEMPLATE_UPDATED_AT, origin, vm, issues);
        }
        Element deployed = Dom.childNS(metadata, NAMESPACE, DEPLOYED);
        if (deployed != null) {
            String from = Dom.attrOrNull(deployed, "from");
            if (from == null || templateName(from) == null) {
                issues.add(origin.label() + ": <vg:deployed from='" + (from == null ? "" : Numbers.abbreviate(from))
                        + "'> is not a usable template name; " + DEPLOYED_FROM + " left out");
            } else {
                vm.setting(Setting.ofString(DEPLOYED_FROM, from));
            }
            time(deployed, "templateUpdated", DEPLOYED_FROM_TEMPLATE_UPDATED_AT, origin, vm, issues);
            time(deployed, "at", DEPLOYED_AT, origin, vm, issues);
        }
    }

    /** The template's update time from a {@code <vg:template>} in {@code metadata}, or {@code null}. */
    public static Instant templateUpdated(Element metadata) {
        return rfc3339(Dom.attrOrNull(Dom.childNS(metadata, NAMESPACE, TEMPLATE), "updated"));
    }

    /** The name, or {@code null} when it is blank, longer than {@value #MAX_NAME_LENGTH} or has control characters. */
    static String templateName(String name) {
        return TemplateSettings.templateName(name);
    }

    /** An RFC 3339 time with an offset, in years 1 to 9999, or {@code null} (see {@link TemplateSettings#time}). */
    public static Instant rfc3339(String text) {
        return TemplateSettings.time(text);
    }

    private static void time(Element e, String attribute, String key, XmlOrigin origin, VirtualMachine.Builder vm,
                             List<String> issues) {
        String text = Dom.attrOrNull(e, attribute);
        if (text == null) {
            return;
        }
        Instant t = rfc3339(text);
        if (t == null) {
            issues.add(origin.label() + ": <vg:" + Dom.localName(e) + " " + attribute + "='"
                    + Numbers.abbreviate(text) + "'> is not an RFC 3339 time; " + key + " left out");
        } else {
            vm.setting(Setting.ofString(key, t.toString()));
        }
    }
}
