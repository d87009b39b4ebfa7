package org.virtguard.connector.vsphere.soap;

import java.util.List;

import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads vim25 response elements. Every element in a vim25 answer lives in the {@code urn:vim25} namespace, so
 * names are matched by local name; unknown elements are simply never asked for, which keeps newer API
 * versions readable. All methods accept {@code null} and then return empty results.
 */
public final class Xml {

    /** The XML Schema instance namespace that carries {@code xsi:type}. */
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private Xml() {
    }

    /** All child elements in document order. */
    public static List<Element> children(Element parent) {
        return Dom.children(parent);
    }

    /** Child elements with the given local name. */
    public static List<Element> children(Element parent, String name) {
        return Dom.childrenByLocalName(parent, name);
    }

    /** The first child with the given local name, or {@code null}. */
    public static Element child(Element parent, String name) {
        return Dom.childByLocalName(parent, name);
    }

    /** Follows a dotted path of child names ({@code "product.version"}), or {@code null}. */
    public static Element path(Element start, String dottedPath) {
        Element e = start;
        for (String part : dottedPath.split("\\.")) {
            e = child(e, part);
            if (e == null) {
                return null;
            }
        }
        return e;
    }

    /** The trimmed text of an element, or {@code null} when it is missing. An empty element gives {@code ""}. */
    public static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent();
        return t == null ? null : t.trim();
    }

    /** The text at a dotted path below {@code start}, or {@code null}. */
    public static String text(Element start, String dottedPath) {
        return text(path(start, dottedPath));
    }

    /** The boolean at a dotted path, or {@code null} when absent or not a boolean. */
    public static Boolean bool(Element start, String dottedPath) {
        String t = text(start, dottedPath);
        if ("true".equals(t) || "1".equals(t)) {
            return Boolean.TRUE;
        }
        if ("false".equals(t) || "0".equals(t)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The boolean held by an element itself, or {@code null}. */
    public static Boolean bool(Element e) {
        String t = text(e);
        if ("true".equals(t) || "1".equals(t)) {
            return Boolean.TRUE;
        }
        if ("false".equals(t) || "0".equals(t)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The integer at a dotted path, or {@code null} when absent or not a number. */
    public static Long number(Element start, String dottedPath) {
        String t = text(start, dottedPath);
        if (t == null || t.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The {@code xsi:type} without its prefix, or {@code null}. */
    public static String type(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getAttributeNS(XSI, "type");
        if (t == null || t.isEmpty()) {
            return null;
        }
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(colon + 1) : t;
    }

    /** A managed object reference held by an element ({@code <host type="HostSystem">host-1</host>}). */
    public static ManagedObjectRef ref(Element e) {
        if (e == null) {
            return null;
        }
        String type = e.getAttribute("type");
        String value = text(e);
        if (type.isEmpty() || value == null || value.isEmpty()) {
            return null;
        }
        return new ManagedObjectRef(type, value);
    }

    /** The element's local name. */
    public static String localName(Element e) {
        return Dom.localName(e);
    }
}
