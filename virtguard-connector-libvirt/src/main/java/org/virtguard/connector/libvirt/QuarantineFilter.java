package org.virtguard.connector.libvirt;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.libvirt.LibvirtException;
import org.libvirt.NetworkFilter;
import org.virtguard.connector.libvirt.xml.LibvirtXml;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * The drop-all nwfilter a quarantine by filter attaches: three rules in the {@code root} chain, each
 * {@code action='drop' direction='inout'}, on {@code <mac/>} (every Ethernet frame: ebtables), {@code <all/>} (every
 * IPv4 packet: iptables) and {@code <all-ipv6/>} (ip6tables), so that traffic stops even where one of the three
 * firewalls is missing. It is defined when absent. A filter of that name that exists but is not such a drop-all
 * (it includes another filter, or has a rule that is not a plain drop in both directions, or lacks the
 * {@code <mac/>} drop) is refused rather than trusted: a quarantine that lets traffic through is worse than none.
 */
final class QuarantineFilter {

    /** Names accepted for the filter: what libvirt accepts, minus anything that needs quoting. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private final ActionLookups lookups;

    QuarantineFilter(ActionLookups lookups) {
        this.lookups = lookups;
    }

    /** What {@link #ensure} will do: empty when the filter exists and drops all traffic, else its definition. */
    Optional<String> check(String name) throws ConnectorException {
        if (!NAME.matcher(name).matches()) {
            throw lookups.refused("'" + name + "' is not a usable nwfilter name (letters, digits, _ . : -; at most 64)");
        }
        NetworkFilter existing;
        try {
            existing = lookups.connect().networkFilterLookupByName(name);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.of(definition(name));
            }
            throw lookups.refused("cannot look up nwfilter " + name + ": " + LibvirtErrors.message(e, lookups.source()));
        }
        String xml;
        try {
            xml = existing.getXMLDesc();
        } catch (LibvirtException e) {
            throw lookups.refused("cannot read nwfilter " + name + ": " + LibvirtErrors.message(e, lookups.source()));
        }
        String problem = dropAllProblem(xml, name);
        if (problem != null) {
            throw lookups.refused("nwfilter " + name + " exists but does not drop all traffic (" + problem
                    + "); remove it, or name another filter in the response policy's quarantine.filter");
        }
        return Optional.empty();
    }

    /** Defines the filter (the definition {@link #check} returned). */
    void define(String name, String definition, ActionSteps steps) throws ConnectorException {
        String step = defineStep(name);
        try {
            lookups.connect().networkFilterDefineXML(definition);
        } catch (LibvirtException e) {
            throw steps.failed(step, e);
        }
        steps.done(step);
    }

    static String defineStep(String name) {
        return "define nwfilter " + name + " (drops every frame and every IPv4 and IPv6 packet, both ways)";
    }

    /** The definition of the drop-all filter; {@code name} has been checked against {@link #NAME}. */
    static String definition(String name) {
        StringBuilder xml = new StringBuilder("<filter name='").append(name).append("' chain='root'>");
        for (String protocol : List.of("mac", "all", "all-ipv6")) {
            xml.append("<rule action='drop' direction='inout' priority='-1000'><").append(protocol).append("/></rule>");
        }
        return xml.append("</filter>").toString();
    }

    /** Why an existing filter is not a drop-all, or {@code null} when it is. */
    private String dropAllProblem(String xml, String name) throws ConnectorException {
        Element root = LibvirtXml.read(xml, new XmlOrigin(lookups.source().id(), "nwfilter " + name))
                .getDocumentElement();
        boolean macDrop = false;
        for (Element child : Dom.children(root)) {
            String kind = Dom.localName(child);
            if (kind.equals("uuid")) {
                continue;
            }
            if (kind.equals("filterref")) {
                return "it includes filter " + Dom.attrOrNull(child, "filter");
            }
            if (!kind.equals("rule")) {
                return "unexpected element <" + kind + ">";
            }
            if (!"drop".equals(Dom.attrOrNull(child, "action")) || !"inout".equals(Dom.attrOrNull(child, "direction"))) {
                return "a rule with action " + Dom.attrOrNull(child, "action") + ", direction "
                        + Dom.attrOrNull(child, "direction");
            }
            List<Element> match = Dom.children(child);
            if (match.size() == 1 && Dom.localName(match.get(0)).equals("mac")
                    && match.get(0).getAttributes().getLength() == 0) {
                macDrop = true;
            }
        }
        return macDrop ? null : "no rule drops every frame (<mac/>)";
    }
}
