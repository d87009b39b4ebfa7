package org.virtguard.connector.libvirt;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.virtguard.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A vNIC's {@code <filterref>} exactly as libvirt holds it: the filter name and its parameters in document order
 * (libvirt allows a name more than once), so that a quarantine by filter can give it back unchanged.
 *
 * @param filter     the nwfilter name
 * @param parameters the {@code <parameter name value>} children, in order
 */
record NicFilter(String filter, List<Parameter> parameters) {

    /** One {@code <parameter name='...' value='...'/>}. */
    record Parameter(String name, String value) {
        Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    NicFilter {
        Objects.requireNonNull(filter, "filter");
        parameters = List.copyOf(parameters);
    }

    /** A reference to {@code filter} without parameters. */
    static NicFilter of(String filter) {
        return new NicFilter(filter, List.of());
    }

    /** The {@code <filterref>} child of an interface (or of another element), or {@code null} when it has none. */
    static NicFilter of(Element parent) {
        Element ref = Dom.child(parent, "filterref");
        if (ref == null) {
            return null;
        }
        String name = Dom.attrOrNull(ref, "filter");
        if (name == null) {
            return null;
        }
        return new NicFilter(name, Dom.children(ref, "parameter").stream()
                .map(p -> new Parameter(Dom.attr(p, "name"), Dom.attr(p, "value"))).toList());
    }

    /** The {@code <filterref>} element for {@code doc}. */
    Element toElement(Document doc) {
        Element ref = doc.createElement("filterref");
        ref.setAttribute("filter", filter);
        for (Parameter p : parameters) {
            Element e = doc.createElement("parameter");
            e.setAttribute("name", p.name());
            e.setAttribute("value", p.value());
            ref.appendChild(e);
        }
        return ref;
    }

    /** For messages: {@code filter clean-traffic (IP=10.0.0.5)}; {@code no filter} for {@code null}. */
    static String describe(NicFilter f) {
        if (f == null) {
            return "no filter";
        }
        return "filter " + f.filter() + (f.parameters().isEmpty() ? "" : f.parameters().stream()
                .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(", ", " (", ")")));
    }
}
