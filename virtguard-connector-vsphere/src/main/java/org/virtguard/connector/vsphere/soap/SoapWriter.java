package org.virtguard.connector.vsphere.soap;

/**
 * Builds a vim25 request body. Callers append elements in WSDL order; text and attribute values are escaped.
 */
public final class SoapWriter {

    private final StringBuilder sb = new StringBuilder(512);

    /** Starts the body of a call on {@code target}. */
    public SoapWriter(String method, ManagedObjectRef target) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">")
                .append("<soapenv:Body><").append(method).append(" xmlns=\"urn:vim25\">");
        ref("_this", target);
        this.method = method;
    }

    private final String method;

    /** Appends {@code <name>text</name>}; a {@code null} text appends nothing. */
    public SoapWriter text(String name, String text) {
        if (text != null) {
            sb.append('<').append(name).append('>');
            escape(text);
            sb.append("</").append(name).append('>');
        }
        return this;
    }

    /**
     * Appends {@code <name xsi:type="type">text</name>}, e.g. the {@code value} of an {@code OptionValue}; the text
     * is escaped.
     */
    public SoapWriter typed(String name, String xsiType, String text) {
        open(name, xsiType);
        escape(text);
        return close(name);
    }

    /** Appends a secret without keeping any copy beyond the request body. */
    public SoapWriter secret(String name, char[] secret) {
        sb.append('<').append(name).append('>');
        for (char c : secret) {
            escapeChar(c);
        }
        sb.append("</").append(name).append('>');
        return this;
    }

    /** Appends a managed object reference. */
    public SoapWriter ref(String name, ManagedObjectRef ref) {
        if (ref != null) {
            sb.append('<').append(name).append(" type=\"");
            escape(ref.type());
            sb.append("\">");
            escape(ref.value());
            sb.append("</").append(name).append('>');
        }
        return this;
    }

    /** Opens {@code <name>} or, with a type, {@code <name xsi:type="type">}. */
    public SoapWriter open(String name, String xsiType) {
        sb.append('<').append(name);
        if (xsiType != null) {
            sb.append(" xsi:type=\"").append(xsiType).append('"');
        }
        sb.append('>');
        return this;
    }

    /** Closes {@code </name>}. */
    public SoapWriter close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** The finished envelope. */
    public String build() {
        return sb + "</" + method + "></soapenv:Body></soapenv:Envelope>";
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            escapeChar(s.charAt(i));
        }
    }

    private void escapeChar(char c) {
        switch (c) {
            case '<' -> sb.append("&lt;");
            case '>' -> sb.append("&gt;");
            case '&' -> sb.append("&amp;");
            case '"' -> sb.append("&quot;");
            case '\'' -> sb.append("&apos;");
            default -> sb.append(c);
        }
    }
}
