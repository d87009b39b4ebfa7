package org.virtguard.connector.libvirt.xml;

import java.util.LinkedHashMap;
import java.util.Map;

import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * The backend of a libvirt character device ({@code serial}, {@code channel}, {@code redirdev}, an rng
 * {@code egd} backend, a passthrough smartcard): its type and, for network backends, host, port, mode and
 * wire protocol.
 *
 * <p>Attribute keys: {@code host}, {@code port}, {@code mode} and {@code protocol} for the connecting or
 * listening end ({@code tcp}, and the {@code connect} end of {@code udp}); {@code bindHost}/{@code bindPort}
 * for the local end of {@code udp}; {@code path} for file, device, pipe, pty and unix backends; {@code tls}
 * when set.
 */
final class CharDeviceSource {

    private CharDeviceSource() {
    }

    /** Reads the backend of {@code holder}, whose {@code type} attribute names it ({@code pty} by default). */
    static Map<String, String> read(Element holder, String defaultType) {
        Map<String, String> attrs = new LinkedHashMap<>();
        String type = typeOf(holder, defaultType);
        attrs.put("backend", type);
        for (Element source : Dom.children(holder, "source")) {
            String mode = Dom.attrOrNull(source, "mode");
            switch (type) {
                case "tcp" -> {
                    putIfPresent(attrs, "host", Dom.attrOrNull(source, "host"));
                    putIfPresent(attrs, "port", Dom.attrOrNull(source, "service"));
                    attrs.put("mode", mode == null ? "connect" : mode);
                    putIfPresent(attrs, "tls", Dom.attrOrNull(source, "tls"));
                }
                case "udp" -> {
                    if ("bind".equals(mode)) {
                        putIfPresent(attrs, "bindHost", Dom.attrOrNull(source, "host"));
                        putIfPresent(attrs, "bindPort", Dom.attrOrNull(source, "service"));
                    } else {
                        putIfPresent(attrs, "host", Dom.attrOrNull(source, "host"));
                        putIfPresent(attrs, "port", Dom.attrOrNull(source, "service"));
                        attrs.put("mode", "connect");
                    }
                }
                default -> {
                    putIfPresent(attrs, "path", Dom.attrOrNull(source, "path"));
                    putIfPresent(attrs, "mode", mode);
                }
            }
        }
        if (type.equals("tcp") || type.equals("udp")) {
            String protocol = Dom.childAttr(holder, "protocol", "type");
            attrs.put("protocol", protocol == null ? "raw" : protocol);
        }
        if (!attrs.containsKey("path")) {
            putIfPresent(attrs, "path", Dom.attrOrNull(holder, "tty"));
        }
        return attrs;
    }

    static String typeOf(Element holder, String defaultType) {
        String type = Dom.attrOrNull(holder, "type");
        return type == null ? defaultType : type;
    }

    /** A short rendering of the backend: {@code tcp 127.0.0.1:9999 bind telnet}, {@code unix /path}. */
    static String describe(Map<String, String> attrs) {
        StringBuilder sb = new StringBuilder(attrs.getOrDefault("backend", "?"));
        String host = attrs.get("host");
        String port = attrs.get("port");
        if (host != null || port != null) {
            sb.append(' ').append(host == null ? "*" : host).append(':').append(port == null ? "?" : port);
        }
        if (attrs.containsKey("bindPort")) {
            sb.append(" bind ").append(attrs.getOrDefault("bindHost", "*")).append(':').append(attrs.get("bindPort"));
        }
        if (attrs.containsKey("path")) {
            sb.append(' ').append(attrs.get("path"));
        }
        if (attrs.containsKey("mode") && (host != null || port != null)) {
            sb.append(' ').append(attrs.get("mode"));
        }
        if (attrs.containsKey("protocol")) {
            sb.append(' ').append(attrs.get("protocol"));
        }
        return sb.toString();
    }

    static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
