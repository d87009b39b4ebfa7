package org.virtguard.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses untrusted XML into a DOM safely: DOCTYPE declarations are rejected outright (which rules out
 * external entities, external DTDs and entity-expansion bombs), XInclude is off, no external resource
 * may be fetched, JAXP secure processing and its limits are on, nesting depth is bounded and input larger
 * than a configurable limit is refused before parsing.
 *
 * <p>Instances are immutable and thread-safe. Documents are parsed namespace-aware.
 */
public final class SafeXml {

    /** Default maximum input size: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    /** Maximum element nesting depth. */
    public static final int MAX_ELEMENT_DEPTH = 256;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final SafeXml DEFAULT = new SafeXml(DEFAULT_MAX_BYTES);

    private final long maxBytes;
    private final DocumentBuilderFactory factory;
    /** Builders are expensive to create and not thread-safe: one per thread, reset before each parse. */
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(this::newBuilder);

    private SafeXml(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.factory = newFactory();
    }

    /** A parser with the default 16 MiB size limit. */
    public static SafeXml defaults() {
        return DEFAULT;
    }

    /** A parser that refuses input larger than {@code maxBytes} bytes. */
    public static SafeXml withMaxBytes(long maxBytes) {
        return maxBytes == DEFAULT_MAX_BYTES ? DEFAULT : new SafeXml(maxBytes);
    }

    /** The size limit in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Parses XML bytes; the encoding is taken from the BOM or XML declaration (UTF-8 by default).
     *
     * @param origin file name or source label used in error messages
     */
    public Document parse(byte[] xml, String origin) throws XmlInputException {
        checkSize(xml.length, origin);
        return parse(new InputSource(new ByteArrayInputStream(xml)), origin);
    }

    /** Parses XML text; an encoding named in its declaration is ignored. */
    public Document parse(String xml, String origin) throws XmlInputException {
        checkSize(utf8Length(xml), origin);
        return parse(new InputSource(new StringReader(xml)), origin);
    }

    /**
     * Reads at most the size limit from the stream, then parses. The stream is not closed.
     *
     * @throws IOException when reading fails
     */
    public Document parse(InputStream in, String origin) throws XmlInputException, IOException {
        return parse(readBounded(in, origin), origin);
    }

    /**
     * Parses a file, refusing it by its size before reading it. Errors name the file by its file name.
     *
     * @throws IOException when the file cannot be read
     */
    public Document parse(Path file) throws XmlInputException, IOException {
        String origin = String.valueOf(file.getFileName());
        checkSize(Files.size(file), origin);
        try (InputStream in = Files.newInputStream(file)) {
            return parse(readBounded(in, origin), origin);
        }
    }

    /**
     * Reads a stream up to the size limit.
     *
     * @throws XmlInputException with {@link XmlInputException.Reason#TOO_LARGE} when the stream holds more
     */
    public byte[] readBounded(InputStream in, String origin) throws XmlInputException, IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        checkSize(data.length, origin);
        return data;
    }

    private void checkSize(long size, String origin) throws XmlInputException {
        if (size > maxBytes) {
            throw new XmlInputException(XmlInputException.Reason.TOO_LARGE, origin, -1, -1,
                    "input is larger than the limit of " + describeSize(maxBytes), null);
        }
    }

    private DocumentBuilder newBuilder() {
        try {
            synchronized (factory) {
                return factory.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", e);
        }
    }

    private Document parse(InputSource source, String origin) throws XmlInputException {
        DocumentBuilder builder = builders.get();
        builder.reset();
        builder.setErrorHandler(FailingErrorHandler.INSTANCE);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " is not allowed");
        });
        source.setSystemId(null);
        try {
            return builder.parse(source);
        } catch (SAXParseException e) {
            throw classify(e, origin);
        } catch (SAXException e) {
            throw new XmlInputException(XmlInputException.Reason.MALFORMED, origin, -1, -1, e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlInputException(XmlInputException.Reason.MALFORMED, origin, -1, -1,
                    "unreadable input: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new XmlInputException(XmlInputException.Reason.MALFORMED, origin, -1, -1,
                    "the XML parser rejected the input (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static XmlInputException classify(SAXParseException e, String origin) {
        String message = String.valueOf(e.getMessage());
        int line = e.getLineNumber();
        int column = e.getColumnNumber();
        if (message.contains(DISALLOW_DOCTYPE)) {
            return new XmlInputException(XmlInputException.Reason.HOSTILE, origin, line, column,
                    "DOCTYPE is not allowed (XXE and entity-expansion protection)", e);
        }
        if (message.contains("JAXP0001") || message.toLowerCase(Locale.ROOT).contains("maxelementdepth")) {
            return new XmlInputException(XmlInputException.Reason.HOSTILE, origin, line, column,
                    "a parser safety limit was exceeded: " + message, e);
        }
        return new XmlInputException(XmlInputException.Reason.MALFORMED, origin, line, column, message, e);
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", e);
        }
        setLimit(f, "jdk.xml.entityExpansionLimit", "64");
        setLimit(f, "jdk.xml.maxGeneralEntitySizeLimit", "65536");
        setLimit(f, "jdk.xml.maxParameterEntitySizeLimit", "65536");
        setLimit(f, "jdk.xml.totalEntitySizeLimit", "1000000");
        setLimit(f, "jdk.xml.entityReplacementLimit", "100000");
        setLimit(f, "jdk.xml.elementAttributeLimit", "1000");
        setLimit(f, "jdk.xml.maxElementDepth", Integer.toString(MAX_ELEMENT_DEPTH));
        return f;
    }

    private static void setLimit(DocumentBuilderFactory f, String name, String value) {
        try {
            f.setAttribute(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the JDK XML parser does not support the limit " + name, e);
        }
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static String describeSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    private enum FailingErrorHandler implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException exception) {
            // warnings do not make a document unusable
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}
