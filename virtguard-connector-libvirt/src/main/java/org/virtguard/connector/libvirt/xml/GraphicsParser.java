package org.virtguard.connector.libvirt.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Collected;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ConsoleType;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads {@code <graphics>} elements into consoles. Listen addresses come from {@code <listen>} children when
 * present, else from the {@code listen} (or VNC {@code socket}) attribute; a remote protocol with neither
 * listens on the hypervisor's default. Local displays (SDL, egl-headless, desktop, D-Bus) listen nowhere.
 * Only the presence of {@code passwd} is read; its value is never kept.
 */
final class GraphicsParser {

    private static final List<String> KEPT_ATTRIBUTES = List.of("autoport", "tlsPort", "websocket", "keymap",
            "sharePolicy", "defaultMode", "connected", "display", "multiUser", "replaceUser", "powerControl");

    /** Why a console's password is unknown when the XML carries its expiry but not the password itself. */
    static final String PASSWORD_HIDDEN_IN_DUMP = "the domain XML was dumped "
            + "without --security-info (it names when a password expires, passwdValidTo, but not whether one is "
            + "set); dump it again with 'virsh dumpxml --security-info <domain>'";
    /** Why a console's password is unknown when the source read the XML without security info. */
    static final String PASSWORD_HIDDEN_BY_SOURCE = "the domain XML was read "
            + "without security info, which hides console passwords; dump it with 'virsh dumpxml --security-info "
            + "<domain>' (offline directories: set the source option security-info: true only for such dumps) or "
            + "give VirtGuard a libvirt connection allowed to read the secure XML";

    private GraphicsParser() {
    }

    static List<Console> parse(Element devices, DomainParseContext ctx) throws ConnectorException {
        List<Console> out = new ArrayList<>();
        for (Element g : Dom.children(devices, "graphics")) {
            out.add(console(g, ctx));
        }
        return out;
    }

    private static Console console(Element g, DomainParseContext ctx) throws ConnectorException {
        String type = DeviceParser.orDefault(Dom.attrOrNull(g, "type"), "?");
        ConsoleType consoleType = consoleType(type);
        Integer port = null;
        if (!"yes".equals(Dom.attr(g, "autoport"))) {
            Integer p = Numbers.parseInt(Dom.attr(g, "port"), ctx.origin(), "<graphics type='" + type + "'> port");
            port = p == null || p < 0 ? null : p;
        }
        Collected<Boolean> passwordSet;
        if (Dom.attr(g, "passwd") != null) {
            passwordSet = Collected.of(true);
        } else if (Dom.attr(g, "passwdValidTo") != null) {
            passwordSet = Collected.notCollected(PASSWORD_HIDDEN_IN_DUMP);
        } else if (ctx.passwordsIncluded()) {
            passwordSet = Collected.of(false);
        } else {
            passwordSet = Collected.notCollected(PASSWORD_HIDDEN_BY_SOURCE);
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String name : KEPT_ATTRIBUTES) {
            CharDeviceSource.putIfPresent(attrs, name, Dom.attrOrNull(g, name));
        }
        for (Element channel : Dom.children(g, "channel")) {
            String name = Dom.attrOrNull(channel, "name");
            if (name != null) {
                attrs.put("channel." + name, DeviceParser.orDefault(Dom.attrOrNull(channel, "mode"), "any"));
            }
        }
        CharDeviceSource.putIfPresent(attrs, "clipboard.copypaste", Dom.childAttr(g, "clipboard", "copypaste"));
        CharDeviceSource.putIfPresent(attrs, "filetransfer.enable", Dom.childAttr(g, "filetransfer", "enable"));
        CharDeviceSource.putIfPresent(attrs, "gl.enable", Dom.childAttr(g, "gl", "enable"));
        if (consoleType == ConsoleType.OTHER) {
            attrs.put("type", type);
        }
        return new Console(consoleType, listens(g, type), port, passwordSet, Dom.attrOrNull(g, "passwdValidTo"), attrs);
    }

    private static List<ConsoleListen> listens(Element g, String type) {
        List<ConsoleListen> out = new ArrayList<>();
        String listenAttr = Dom.attrOrNull(g, "listen");
        List<Element> listenElements = Dom.children(g, "listen");
        for (Element l : listenElements) {
            String kind = DeviceParser.orDefault(Dom.attrOrNull(l, "type"), "address");
            switch (kind) {
                case "address" -> {
                    String address = Dom.attrOrNull(l, "address");
                    if (address == null) {
                        address = listenAttr;
                    }
                    out.add(address == null ? new ConsoleListen(ConsoleListen.Kind.HYPERVISOR_DEFAULT, null)
                            : new ConsoleListen(ConsoleListen.Kind.ADDRESS, address));
                }
                case "network" -> out.add(new ConsoleListen(ConsoleListen.Kind.NETWORK, Dom.attrOrNull(l, "network")));
                case "socket" -> out.add(new ConsoleListen(ConsoleListen.Kind.SOCKET, Dom.attrOrNull(l, "socket")));
                case "none" -> out.add(new ConsoleListen(ConsoleListen.Kind.NONE, null));
                default -> out.add(new ConsoleListen(ConsoleListen.Kind.HYPERVISOR_DEFAULT, null));
            }
        }
        if (!listenElements.isEmpty()) {
            return out;
        }
        if (listenAttr != null) {
            out.add(new ConsoleListen(ConsoleListen.Kind.ADDRESS, listenAttr));
        } else if (Dom.attrOrNull(g, "socket") != null) {
            out.add(new ConsoleListen(ConsoleListen.Kind.SOCKET, Dom.attrOrNull(g, "socket")));
        } else if (isRemoteProtocol(type)) {
            out.add(new ConsoleListen(ConsoleListen.Kind.HYPERVISOR_DEFAULT, null));
        }
        return out;
    }

    private static boolean isRemoteProtocol(String type) {
        return switch (type) {
            case "sdl", "egl-headless", "desktop", "dbus" -> false;
            default -> true;
        };
    }

    static ConsoleType consoleType(String type) {
        return switch (type) {
            case "vnc" -> ConsoleType.VNC;
            case "spice" -> ConsoleType.SPICE;
            case "rdp" -> ConsoleType.RDP;
            case "sdl" -> ConsoleType.SDL;
            case "egl-headless" -> ConsoleType.EGL_HEADLESS;
            case "dbus" -> ConsoleType.DBUS;
            default -> ConsoleType.OTHER;
        };
    }
}
