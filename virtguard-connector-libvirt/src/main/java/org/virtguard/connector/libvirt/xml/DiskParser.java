package org.virtguard.connector.libvirt.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.DeviceKind;
import org.virtguard.model.DiskMode;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualDisk;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/** Reads a domain's {@code <disk>} elements; CD-ROM and floppy drives are also reported as devices. */
final class DiskParser {

    private DiskParser() {
    }

    record Result(List<VirtualDisk> disks, List<VirtualDevice> removableDrives) {
    }

    static Result parse(Element devices) {
        List<VirtualDisk> disks = new ArrayList<>();
        List<VirtualDevice> drives = new ArrayList<>();
        for (Element e : Dom.children(devices, "disk")) {
            VirtualDisk disk = disk(e);
            disks.add(disk);
            if ("cdrom".equals(disk.device()) || "floppy".equals(disk.device())) {
                drives.add(drive(disk));
            }
        }
        return new Result(disks, drives);
    }

    private static VirtualDisk disk(Element e) {
        String type = DeviceParser.orDefault(Dom.attrOrNull(e, "type"), "file");
        String device = DeviceParser.orDefault(Dom.attrOrNull(e, "device"), "disk");
        Element source = Dom.child(e, "source");
        Element target = Dom.child(e, "target");
        String path = null;
        String datastore = null;
        switch (type) {
            case "file" -> path = Dom.attrOrNull(source, "file");
            case "block" -> path = Dom.attrOrNull(source, "dev");
            case "dir" -> path = Dom.attrOrNull(source, "dir");
            case "volume" -> {
                datastore = Dom.attrOrNull(source, "pool");
                path = Dom.attrOrNull(source, "volume");
            }
            case "network" -> path = networkUrl(source);
            case "nvme" -> path = nvmeAddress(source);
            case "vhostuser" -> path = Dom.attrOrNull(source, "path");
            default -> path = firstNonNull(Dom.attrOrNull(source, "file"), Dom.attrOrNull(source, "dev"));
        }
        String format = Dom.childAttr(e, "driver", "type");
        boolean readOnly = Dom.child(e, "readonly") != null;
        boolean shareable = Dom.child(e, "shareable") != null;
        DiskMode mode = Dom.child(e, "transient") != null ? DiskMode.TRANSIENT : DiskMode.PERSISTENT;
        return new VirtualDisk(device, Dom.attrOrNull(target, "bus"), Dom.attrOrNull(target, "dev"), type, path,
                datastore, format, readOnly, shareable, mode);
    }

    private static String networkUrl(Element source) {
        if (source == null) {
            return null;
        }
        String protocol = DeviceParser.orDefault(Dom.attrOrNull(source, "protocol"), "network");
        StringBuilder sb = new StringBuilder(protocol).append("://");
        List<String> hosts = new ArrayList<>();
        for (Element host : Dom.children(source, "host")) {
            String name = Dom.attrOrNull(host, "name");
            String socket = Dom.attrOrNull(host, "socket");
            if (name != null) {
                String port = Dom.attrOrNull(host, "port");
                hosts.add(port == null ? name : name + ":" + port);
            } else if (socket != null) {
                hosts.add("unix:" + socket);
            }
        }
        sb.append(String.join(",", hosts));
        String name = Dom.attrOrNull(source, "name");
        if (name != null) {
            sb.append('/').append(name);
        }
        return sb.toString();
    }

    private static String nvmeAddress(Element source) {
        String pci = DeviceParser.pciAddress(Dom.child(source, "address"));
        String ns = Dom.attrOrNull(source, "namespace");
        return pci == null ? null : "nvme://" + pci + (ns == null ? "" : "/" + ns);
    }

    private static VirtualDevice drive(VirtualDisk disk) {
        Map<String, String> attrs = new LinkedHashMap<>();
        CharDeviceSource.putIfPresent(attrs, "target", disk.target());
        CharDeviceSource.putIfPresent(attrs, "bus", disk.bus());
        CharDeviceSource.putIfPresent(attrs, "path", disk.path());
        attrs.put("readonly", Boolean.toString(disk.readOnly()));
        boolean media = disk.path() != null;
        DeviceKind kind = "cdrom".equals(disk.device()) ? DeviceKind.CDROM : DeviceKind.FLOPPY;
        String what = disk.device() + " " + (disk.target() == null ? "" : disk.target() + " ")
                + (media ? disk.path() : "(empty)");
        return new VirtualDevice(kind, disk.sourceType(), what, attrs, media);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
