package org.virtguard.connector.libvirt.xml;

import java.nio.charset.StandardCharsets;

import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.virtguard.xml.SafeXml;
import org.virtguard.xml.XmlInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Reads libvirt XML documents safely and tells what kind of object a document describes. */
public final class LibvirtXml {

    /** What a libvirt XML document describes, judged by its root element. */
    public enum Kind {
        DOMAIN, NETWORK, NWFILTER, OTHER
    }

    private LibvirtXml() {
    }

    /**
     * Parses bytes with {@link SafeXml}, mapping rejections to connector errors: hostile input to
     * {@link ErrorCode#HOSTILE_INPUT}, oversized input to {@link ErrorCode#INPUT_TOO_LARGE}, malformed input to
     * {@link ErrorCode#INVALID_INPUT}. Messages start with the origin's label.
     */
    public static Document read(byte[] xml, XmlOrigin origin, SafeXml parser) throws ConnectorException {
        try {
            return parser.parse(xml, origin.label());
        } catch (XmlInputException e) {
            throw toConnectorException(e, origin);
        }
    }

    /** Parses text, as {@link #read(byte[], XmlOrigin, SafeXml)}. */
    public static Document read(String xml, XmlOrigin origin, SafeXml parser) throws ConnectorException {
        try {
            return parser.parse(xml, origin.label());
        } catch (XmlInputException e) {
            throw toConnectorException(e, origin);
        }
    }

    /** Parses UTF-8 text with the default limits. */
    public static Document read(String xml, XmlOrigin origin) throws ConnectorException {
        return read(xml.getBytes(StandardCharsets.UTF_8), origin, SafeXml.defaults());
    }

    /** Maps a rejected input to the connector error with the matching code. */
    public static ConnectorException toConnectorException(XmlInputException e, XmlOrigin origin) {
        ErrorCode code = switch (e.reason()) {
            case HOSTILE -> ErrorCode.HOSTILE_INPUT;
            case TOO_LARGE -> ErrorCode.INPUT_TOO_LARGE;
            case MALFORMED -> ErrorCode.INVALID_INPUT;
        };
        return new ConnectorException(code, origin.sourceId(), e.getMessage(), e);
    }

    /** The kind of object the document's root element describes. */
    public static Kind kindOf(Document doc) {
        Element root = doc.getDocumentElement();
        if (root == null || root.getNamespaceURI() != null) {
            return Kind.OTHER;
        }
        return switch (Dom.localName(root)) {
            case "domain" -> Kind.DOMAIN;
            case "network" -> Kind.NETWORK;
            case "filter" -> Kind.NWFILTER;
            default -> Kind.OTHER;
        };
    }

    static ConnectorException invalid(XmlOrigin origin, String field, String problem) {
        return new ConnectorException(ErrorCode.INVALID_INPUT, origin.sourceId(),
                origin.label() + ": " + field + ": " + problem);
    }

    static Element requireRoot(Document doc, XmlOrigin origin, String expected) throws ConnectorException {
        Element root = doc.getDocumentElement();
        String actual = root == null ? "none" : Dom.localName(root);
        if (root == null || root.getNamespaceURI() != null || !expected.equals(actual)) {
            throw invalid(origin, "root element", "<" + actual + "> found, <" + expected + "> expected");
        }
        return root;
    }
}
