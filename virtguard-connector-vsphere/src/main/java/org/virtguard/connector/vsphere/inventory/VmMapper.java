package org.virtguard.connector.vsphere.inventory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.Collected;
import org.virtguard.model.PowerState;
import org.virtguard.model.Setting;
import org.virtguard.model.SettingType;
import org.virtguard.model.Snapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.w3c.dom.Element;

/** Maps a {@code VirtualMachine} managed object into the model. */
final class VmMapper {

    /** The deepest snapshot tree followed. */
    static final int MAX_SNAPSHOT_DEPTH = 64;
    /** The most snapshots read per VM. */
    static final int MAX_SNAPSHOTS = 1_000;

    /** The extraConfig keys hardening guides check; NOT_COLLECTED when extraConfig itself cannot be read. */
    static final List<String> EXTRA_CONFIG_KEYS = List.of("isolation.tools.copy.disable",
            "isolation.tools.paste.disable", "isolation.tools.diskShrink.disable", "isolation.tools.diskWiper.disable",
            "isolation.device.connectable.disable", "tools.guestlib.enableHostInfo", "tools.setInfo.sizeLimit",
            "RemoteDisplay.maxConnections", "log.keepOld", "log.rotateSize", "sched.mem.pshare.salt", "svga.vgaOnly",
            "mks.enable3d", "tools.guest.desktop.autolock");

    /** The most custom attributes kept per VM. */
    static final int MAX_ATTRIBUTES = 256;

    private final VsphereIds ids;
    private final Map<String, String> customFieldNames;

    VmMapper(VsphereIds ids) {
        this(ids, Map.of());
    }

    /** @param customFieldNames custom attribute names by field key */
    VmMapper(VsphereIds ids, Map<String, String> customFieldNames) {
        this.ids = ids;
        this.customFieldNames = customFieldNames;
    }

    /** The VM's id, or {@code null} when it has no instance UUID (and cannot be identified stably). */
    static String idOf(ObjectContent vm) {
        String uuid = vm.text("config.instanceUuid");
        return uuid == null || uuid.isEmpty() ? null : VsphereIds.vm(uuid);
    }

    VirtualMachine map(ObjectContent vm, String clusterId, NetworkLookup networks) {
        String id = idOf(vm);
        String name = vm.text("name") != null ? vm.text("name") : vm.obj().value();
        ManagedObjectRef host = Xml.ref(vm.get("runtime.host"));
        VirtualMachine.Builder b = VirtualMachine.builder(id, name)
                .hostId(ids.of(host))
                .clusterId(clusterId)
                .powerState(power(vm.text("runtime.powerState")))
                .guestOs(guestOs(vm))
                .template("true".equals(vm.text("config.template")))
                .vcpus(intOf(vm.text("config.hardware.numCPU")))
                .memoryBytes(intOf(vm.text("config.hardware.memoryMB")) * 1024L * 1024L)
                .annotation(emptyToNull(vm.text("config.annotation")))
                .lastPowerOn(bootTime(vm));
        settings(vm, b);
        customAttributes(vm.get("customValue"), b);
        Map<String, List<String>> ipsByMac = guestIps(vm.get("guest.net"));
        DeviceMapper devices = new DeviceMapper(id, b);
        List<VirtualNic> nics = new ArrayList<>();
        for (Element device : Xml.children(vm.get("config.hardware.device"))) {
            VirtualNic nic = devices.map(device, nics.size(), host, networks, vm.get("guest.net") == null
                    ? null : ipsByMac);
            if (nic != null) {
                nics.add(nic);
            }
        }
        b.nics(nics);
        snapshots(vm.get("snapshot"), b);
        return b.build();
    }

    private static void settings(ObjectContent vm, VirtualMachine.Builder b) {
        Element extra = vm.get("config.extraConfig");
        if (extra == null && vm.missing().containsKey("config.extraConfig")) {
            for (String key : EXTRA_CONFIG_KEYS) {
                b.setting(Setting.notCollected(key, SettingType.STRING, vm.whyMissing("config.extraConfig")));
            }
        }
        Map<String, OptionValues.Value> options = OptionValues.read(extra);
        options.forEach((k, v) -> b.setting(Setting.ofString(k, v.text())));
        TemplateProvenance.provenance(options, b);
        if ("true".equals(vm.text("config.template"))) {
            TemplateProvenance.template(vm.text("config.modified"), vm.text("config.createDate"), b);
        }
        stringSetting(b, vm, "vm.hardwareVersion", "config.version");
        stringSetting(b, vm, "vm.migrateEncryption", "config.migrateEncryption");
        b.setting(Setting.ofBoolean("vm.encrypted", vm.get("config.keyId") != null));
        String toolsStatus = vm.text("guest.toolsStatus");
        if (toolsStatus == null && "guestToolsNotRunning".equals(vm.text("guest.toolsRunningStatus"))) {
            toolsStatus = "toolsNotRunning";
        }
        b.setting(toolsStatus == null ? Setting.notCollected("tools.status", SettingType.STRING,
                vm.whyMissing("guest.toolsStatus")) : Setting.ofString("tools.status", toolsStatus));
        stringSetting(b, vm, "tools.version", "guest.toolsVersion");
    }

    private void customAttributes(Element values, VirtualMachine.Builder b) {
        int n = 0;
        for (Element v : Xml.children(values)) {
            String name = customFieldNames.get(Xml.text(v, "key"));
            String value = Xml.text(v, "value");
            if (name != null && value != null && n++ < MAX_ATTRIBUTES) {
                b.label("attr." + name, value);
            }
        }
    }

    private static void stringSetting(VirtualMachine.Builder b, ObjectContent vm, String key, String path) {
        String v = vm.text(path);
        b.setting(v == null ? Setting.notCollected(key, SettingType.STRING, vm.whyMissing(path))
                : Setting.ofString(key, v));
    }

    private static Collected<String> guestOs(ObjectContent vm) {
        String fromTools = vm.text("guest.guestFullName");
        if (fromTools != null && !fromTools.isEmpty()) {
            return Collected.of(fromTools);
        }
        String configured = vm.text("config.guestFullName");
        return configured == null ? Collected.notCollected(vm.whyMissing("config.guestFullName")) : Collected.of(configured);
    }

    private static Collected<Instant> bootTime(ObjectContent vm) {
        Instant t = instant(vm.text("runtime.bootTime"));
        return t == null ? Collected.notCollected("no boot time reported") : Collected.of(t);
    }

    private static Map<String, List<String>> guestIps(Element guestNet) {
        Map<String, List<String>> out = new HashMap<>();
        for (Element nic : Xml.children(guestNet)) {
            String mac = Xml.text(nic, "macAddress");
            if (mac == null) {
                continue;
            }
            List<String> ips = new ArrayList<>();
            Xml.children(nic, "ipAddress").forEach(e -> ips.add(Xml.text(e)));
            out.put(mac.toLowerCase(java.util.Locale.ROOT), ips);
        }
        return out;
    }

    private static void snapshots(Element info, VirtualMachine.Builder b) {
        if (info == null) {
            return;
        }
        String current = Xml.text(Xml.child(info, "currentSnapshot"));
        List<Snapshot> out = new ArrayList<>();
        for (Element root : Xml.children(info, "rootSnapshotList")) {
            walk(root, null, current, 0, out);
        }
        out.forEach(b::addSnapshot);
    }

    private static void walk(Element node, String parent, String current, int depth, List<Snapshot> out) {
        if (depth > MAX_SNAPSHOT_DEPTH || out.size() >= MAX_SNAPSHOTS) {
            return;
        }
        String name = Xml.text(node, "name");
        String ref = Xml.text(Xml.child(node, "snapshot"));
        out.add(new Snapshot(name, emptyToNull(Xml.text(node, "description")), instant(Xml.text(node, "createTime")),
                parent, ref != null && ref.equals(current)));
        for (Element child : Xml.children(node, "childSnapshotList")) {
            walk(child, name, current, depth + 1, out);
        }
    }

    private static PowerState power(String state) {
        if (state == null) {
            return PowerState.UNKNOWN;
        }
        return switch (state) {
            case "poweredOn" -> PowerState.RUNNING;
            case "poweredOff" -> PowerState.OFF;
            case "suspended" -> PowerState.SUSPENDED;
            default -> PowerState.UNKNOWN;
        };
    }

    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int intOf(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
