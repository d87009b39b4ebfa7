package org.virtguard.connector.libvirt.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.virtguard.model.DeviceKind;
import org.virtguard.model.VirtualDevice;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads the security-relevant devices of a domain's {@code <devices>} other than disks, NICs and consoles:
 * host device passthrough, USB redirection, character devices (serial, parallel, console, channel and the
 * QEMU guest agent), rng, watchdog, TPM, smartcard, shared folders, USB controllers, sound, video and input.
 */
final class DeviceParser {

    static final String GUEST_AGENT_CHANNEL = "org.qemu.guest_agent.0";

    private DeviceParser() {
    }

    static List<VirtualDevice> parse(Element devices) {
        List<VirtualDevice> out = new ArrayList<>();
        for (Element e : Dom.children(devices)) {
            if (e.getNamespaceURI() != null) {
                continue;
            }
            switch (Dom.localName(e)) {
                case "hostdev" -> out.add(hostdev(e));
                case "redirdev" -> out.add(redirdev(e));
                case "serial" -> out.add(chardev(e, DeviceKind.SERIAL, "serial"));
                case "parallel" -> out.add(chardev(e, DeviceKind.PARALLEL, "parallel"));
                case "console" -> out.add(chardev(e, DeviceKind.CONSOLE, "console"));
                case "channel" -> out.add(channel(e));
                case "rng" -> out.add(rng(e));
                case "watchdog" -> out.add(watchdog(e));
                case "tpm" -> out.add(tpm(e));
                case "smartcard" -> out.add(smartcard(e));
                case "filesystem" -> out.add(filesystem(e));
                case "controller" -> {
                    if ("usb".equals(Dom.attr(e, "type"))) {
                        out.add(usbController(e));
                    }
                }
                case "sound" -> out.add(simple(e, DeviceKind.SOUND, Dom.attrOrNull(e, "model"), "sound"));
                case "video" -> out.add(simple(e, DeviceKind.VIDEO, Dom.childAttr(e, "model", "type"), "video"));
                case "input" -> out.add(input(e));
                default -> {
                }
            }
        }
        return out;
    }

    private static VirtualDevice hostdev(Element e) {
        String mode = orDefault(Dom.attrOrNull(e, "mode"), "subsystem");
        String type = orDefault(Dom.attrOrNull(e, "type"), "?");
        Element source = Dom.child(e, "source");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("mode", mode);
        CharDeviceSource.putIfPresent(attrs, "managed", Dom.attrOrNull(e, "managed"));
        DeviceKind kind;
        String what;
        if (!"subsystem".equals(mode)) {
            kind = DeviceKind.OTHER;
            CharDeviceSource.putIfPresent(attrs, "path", firstText(source, "block", "char", "interface"));
            what = "host " + type + " device " + attrs.getOrDefault("path", "");
        } else {
            switch (type) {
                case "pci" -> {
                    kind = DeviceKind.HOSTDEV_PCI;
                    CharDeviceSource.putIfPresent(attrs, "address", pciAddress(Dom.child(source, "address")));
                    what = "PCI passthrough " + attrs.getOrDefault("address", "(no address)");
                }
                case "usb" -> {
                    kind = DeviceKind.HOSTDEV_USB;
                    CharDeviceSource.putIfPresent(attrs, "vendor", Dom.childAttr(source, "vendor", "id"));
                    CharDeviceSource.putIfPresent(attrs, "product", Dom.childAttr(source, "product", "id"));
                    Element addr = Dom.child(source, "address");
                    if (addr != null) {
                        attrs.put("address", Dom.attr(addr, "bus") + ":" + Dom.attr(addr, "device"));
                    }
                    what = "USB passthrough" + usbIdentity(attrs);
                }
                case "scsi", "scsi_host" -> {
                    kind = DeviceKind.HOSTDEV_SCSI;
                    CharDeviceSource.putIfPresent(attrs, "protocol", Dom.attrOrNull(source, "protocol"));
                    CharDeviceSource.putIfPresent(attrs, "name", Dom.attrOrNull(source, "name"));
                    CharDeviceSource.putIfPresent(attrs, "wwpn", Dom.attrOrNull(source, "wwpn"));
                    CharDeviceSource.putIfPresent(attrs, "adapter", Dom.childAttr(source, "adapter", "name"));
                    Element addr = Dom.child(source, "address");
                    if (addr != null && Dom.attr(addr, "unit") != null) {
                        attrs.put("address", Dom.attr(addr, "bus") + ":" + Dom.attr(addr, "target") + ":"
                                + Dom.attr(addr, "unit"));
                    }
                    Element host = Dom.child(source, "host");
                    CharDeviceSource.putIfPresent(attrs, "host", Dom.attrOrNull(host, "name"));
                    what = "SCSI passthrough " + attrs.getOrDefault("adapter",
                            attrs.getOrDefault("name", attrs.getOrDefault("wwpn", "")));
                }
                case "mdev" -> {
                    kind = DeviceKind.HOSTDEV_MDEV;
                    CharDeviceSource.putIfPresent(attrs, "uuid", Dom.childAttr(source, "address", "uuid"));
                    CharDeviceSource.putIfPresent(attrs, "model", Dom.attrOrNull(e, "model"));
                    what = "mediated device " + attrs.getOrDefault("uuid", "");
                }
                default -> {
                    kind = DeviceKind.OTHER;
                    what = "host device " + type;
                }
            }
        }
        return new VirtualDevice(kind, type, what.trim(), attrs, true);
    }

    private static String usbIdentity(Map<String, String> attrs) {
        StringBuilder sb = new StringBuilder();
        if (attrs.containsKey("vendor") || attrs.containsKey("product")) {
            sb.append(' ').append(attrs.getOrDefault("vendor", "?")).append(':').append(attrs.getOrDefault("product", "?"));
        }
        if (attrs.containsKey("address")) {
            sb.append(" at ").append(attrs.get("address"));
        }
        return sb.toString();
    }

    /** A PCI address as {@code dddd:bb:ss.f}, from libvirt's {@code <address domain= bus= slot= function=>}. */
    static String pciAddress(Element address) {
        if (address == null || Dom.attr(address, "bus") == null) {
            return null;
        }
        return hex(Dom.attr(address, "domain"), 4) + ":" + hex(Dom.attr(address, "bus"), 2) + ":"
                + hex(Dom.attr(address, "slot"), 2) + "." + hex(Dom.attr(address, "function"), 1);
    }

    private static String hex(String value, int width) {
        if (value == null || value.isBlank()) {
            return "0".repeat(width);
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("0x")) {
            v = v.substring(2);
        } else {
            try {
                v = Long.toHexString(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        while (v.length() < width) {
            v = "0" + v;
        }
        return v;
    }

    private static VirtualDevice redirdev(Element e) {
        Map<String, String> attrs = CharDeviceSource.read(e, "spicevmc");
        CharDeviceSource.putIfPresent(attrs, "bus", Dom.attrOrNull(e, "bus"));
        String type = attrs.get("backend");
        return new VirtualDevice(DeviceKind.REDIRDEV, type,
                "USB redirection over " + CharDeviceSource.describe(attrs), attrs, true);
    }

    private static VirtualDevice chardev(Element e, DeviceKind kind, String label) {
        Map<String, String> attrs = CharDeviceSource.read(e, "pty");
        Element target = Dom.child(e, "target");
        CharDeviceSource.putIfPresent(attrs, "targetType", Dom.attrOrNull(target, "type"));
        CharDeviceSource.putIfPresent(attrs, "targetPort", Dom.attrOrNull(target, "port"));
        return new VirtualDevice(kind, attrs.get("backend"), label + " " + CharDeviceSource.describe(attrs), attrs, true);
    }

    private static VirtualDevice channel(Element e) {
        Map<String, String> attrs = CharDeviceSource.read(e, "pty");
        Element target = Dom.child(e, "target");
        String targetType = Dom.attrOrNull(target, "type");
        String name = Dom.attrOrNull(target, "name");
        CharDeviceSource.putIfPresent(attrs, "targetType", targetType);
        CharDeviceSource.putIfPresent(attrs, "targetName", name);
        CharDeviceSource.putIfPresent(attrs, "targetState", Dom.attrOrNull(target, "state"));
        if ("guestfwd".equals(targetType)) {
            CharDeviceSource.putIfPresent(attrs, "guestfwdAddress", Dom.attrOrNull(target, "address"));
            CharDeviceSource.putIfPresent(attrs, "guestfwdPort", Dom.attrOrNull(target, "port"));
        }
        boolean agent = GUEST_AGENT_CHANNEL.equals(name);
        String what = agent ? "QEMU guest agent channel (" + CharDeviceSource.describe(attrs) + ")"
                : "channel " + (name != null ? name : targetType != null ? targetType : "?") + " over "
                + CharDeviceSource.describe(attrs);
        return new VirtualDevice(agent ? DeviceKind.GUEST_AGENT : DeviceKind.CHANNEL, attrs.get("backend"), what,
                attrs, true);
    }

    private static VirtualDevice rng(Element e) {
        Element backend = Dom.child(e, "backend");
        String backendModel = orDefault(Dom.attrOrNull(backend, "model"), "random");
        Map<String, String> attrs = new LinkedHashMap<>();
        CharDeviceSource.putIfPresent(attrs, "model", Dom.attrOrNull(e, "model"));
        attrs.put("backendModel", backendModel);
        String what;
        if ("egd".equals(backendModel) && backend != null) {
            Map<String, String> chardev = CharDeviceSource.read(backend, "pty");
            attrs.putAll(chardev);
            what = "rng egd over " + CharDeviceSource.describe(chardev);
        } else if ("random".equals(backendModel)) {
            CharDeviceSource.putIfPresent(attrs, "path", Dom.text(backend));
            what = "rng random " + attrs.getOrDefault("path", "(default source)");
        } else {
            what = "rng " + backendModel;
        }
        return new VirtualDevice(DeviceKind.RNG, backendModel, what, attrs, true);
    }

    private static VirtualDevice watchdog(Element e) {
        Map<String, String> attrs = new LinkedHashMap<>();
        String model = orDefault(Dom.attrOrNull(e, "model"), "?");
        attrs.put("model", model);
        attrs.put("action", orDefault(Dom.attrOrNull(e, "action"), "reset"));
        return new VirtualDevice(DeviceKind.WATCHDOG, model, "watchdog " + model + " action " + attrs.get("action"),
                attrs, true);
    }

    private static VirtualDevice tpm(Element e) {
        Element backend = Dom.child(e, "backend");
        String type = orDefault(Dom.attrOrNull(backend, "type"), "?");
        Map<String, String> attrs = new LinkedHashMap<>();
        CharDeviceSource.putIfPresent(attrs, "model", Dom.attrOrNull(e, "model"));
        attrs.put("backend", type);
        CharDeviceSource.putIfPresent(attrs, "version", Dom.attrOrNull(backend, "version"));
        CharDeviceSource.putIfPresent(attrs, "path", Dom.childAttr(backend, "device", "path"));
        return new VirtualDevice(DeviceKind.TPM, type, "TPM " + type
                + (attrs.containsKey("path") ? " " + attrs.get("path") : ""), attrs, true);
    }

    private static VirtualDevice smartcard(Element e) {
        String mode = orDefault(Dom.attrOrNull(e, "mode"), "?");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("mode", mode);
        String what = "smartcard " + mode;
        if ("passthrough".equals(mode)) {
            Map<String, String> chardev = CharDeviceSource.read(e, "spicevmc");
            chardev.forEach((k, v) -> attrs.put(k.equals("mode") ? "sourceMode" : k, v));
            what += " over " + CharDeviceSource.describe(chardev);
        }
        return new VirtualDevice(DeviceKind.SMARTCARD, mode, what, attrs, true);
    }

    private static VirtualDevice filesystem(Element e) {
        String type = orDefault(Dom.attrOrNull(e, "type"), "mount");
        Map<String, String> attrs = new LinkedHashMap<>();
        Element source = Dom.child(e, "source");
        String path = firstAttr(source, "dir", "file", "dev", "name", "socket");
        CharDeviceSource.putIfPresent(attrs, "path", path);
        CharDeviceSource.putIfPresent(attrs, "target", Dom.childAttr(e, "target", "dir"));
        CharDeviceSource.putIfPresent(attrs, "accessmode", Dom.attrOrNull(e, "accessmode"));
        CharDeviceSource.putIfPresent(attrs, "driver", Dom.childAttr(e, "driver", "type"));
        attrs.put("readonly", Boolean.toString(Dom.child(e, "readonly") != null));
        return new VirtualDevice(DeviceKind.SHARED_FOLDER, type, "shared folder " + orDefault(path, "?") + " as "
                + attrs.getOrDefault("target", "?"), attrs, true);
    }

    private static VirtualDevice usbController(Element e) {
        String model = orDefault(Dom.attrOrNull(e, "model"), "default");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("model", model);
        CharDeviceSource.putIfPresent(attrs, "index", Dom.attrOrNull(e, "index"));
        return new VirtualDevice(DeviceKind.USB_CONTROLLER, model, "USB controller " + model, attrs,
                !"none".equals(model));
    }

    private static VirtualDevice input(Element e) {
        String type = orDefault(Dom.attrOrNull(e, "type"), "?");
        Map<String, String> attrs = new LinkedHashMap<>();
        CharDeviceSource.putIfPresent(attrs, "bus", Dom.attrOrNull(e, "bus"));
        CharDeviceSource.putIfPresent(attrs, "path", Dom.childAttr(e, "source", "evdev"));
        return new VirtualDevice(DeviceKind.INPUT, type, "input " + type, attrs, true);
    }

    private static VirtualDevice simple(Element e, DeviceKind kind, String model, String label) {
        String m = orDefault(model, "default");
        return new VirtualDevice(kind, m, label + " " + m, Map.of("model", m), true);
    }

    private static String firstAttr(Element e, String... names) {
        for (String n : names) {
            String v = Dom.attrOrNull(e, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String firstText(Element parent, String... names) {
        for (String n : names) {
            String v = Dom.childText(parent, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
