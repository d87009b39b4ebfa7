package org.virtguard.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Small helpers for reading a DOM produced by {@link SafeXml}. Names without a namespace argument match
 * elements that are in no namespace (as in libvirt's domain XML); namespaced elements are matched with the
 * {@code *NS} variants. All methods accept a {@code null} element and then return empty results.
 */
public final class Dom {

    private Dom() {
    }

    /** All child elements, in document order. */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Child elements in no namespace with the given name. */
    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent)) {
            if (e.getNamespaceURI() == null && name.equals(localName(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element in no namespace with the given name, or {@code null}. */
    public static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getNamespaceURI() == null && name.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    /** Child elements with the given local name, whatever their namespace. */
    public static List<Element> childrenByLocalName(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent)) {
            if (name.equals(localName(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element with the given local name, whatever its namespace, or {@code null}. */
    public static Element childByLocalName(Element parent, String name) {
        for (Element e : children(parent)) {
            if (name.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    /** Child elements in the given namespace with the given local name. */
    public static List<Element> childrenNS(Element parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent)) {
            if (Objects.equals(namespace, e.getNamespaceURI()) && localName.equals(localName(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element in the given namespace with the given local name, or {@code null}. */
    public static Element childNS(Element parent, String namespace, String localName) {
        List<Element> found = childrenNS(parent, namespace, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The element's name without prefix. */
    public static String localName(Element e) {
        String local = e.getLocalName();
        return local != null ? local : e.getNodeName();
    }

    /** The attribute's value, or {@code null} when the attribute is absent (an empty value is returned as is). */
    public static String attr(Element e, String name) {
        if (e == null || !e.hasAttribute(name)) {
            return null;
        }
        return e.getAttribute(name);
    }

    /** The attribute's trimmed value, or {@code null} when it is absent or blank. */
    public static String attrOrNull(Element e, String name) {
        String v = attr(e, name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The element's trimmed text content, or {@code null} for a missing element or blank text. */
    public static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent();
        return t == null || t.isBlank() ? null : t.trim();
    }

    /** The trimmed text of the first child with the given name, or {@code null}. */
    public static String childText(Element parent, String name) {
        return text(child(parent, name));
    }

    /** An attribute of the first child with the given name, or {@code null}. */
    public static String childAttr(Element parent, String childName, String attribute) {
        return attrOrNull(child(parent, childName), attribute);
    }
}
