package org.virtguard.connector.libvirt.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.virtguard.model.Collected;
import org.virtguard.model.PowerState;
import org.virtguard.model.SecurityLabel;
import org.virtguard.model.Setting;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.virtguard.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Turns libvirt domain XML ({@code virsh dumpxml}, {@code virDomainGetXMLDesc}) into a {@link VirtualMachine}.
 *
 * <p>The VM id is the domain UUID in lower case. A domain without a valid UUID (a template, a hand-written
 * file) gets a stable name-based id and an issue. The power state of offline XML is {@link PowerState#RUNNING}
 * when the root element carries an {@code id} other than {@code -1} (libvirt writes it only for running
 * domains) and {@link PowerState#OFF} otherwise; live connectors replace it with the hypervisor's state.
 */
public final class DomainXmlParser {

    private static final Pattern UUID_PATTERN = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final String QEMU_NAMESPACE = "http://libvirt.org/schemas/domain/qemu/1.0";

    private DomainXmlParser() {
    }

    /** Parses domain XML bytes with the default size limit. */
    public static ParsedDomain parse(byte[] xml, DomainParseContext ctx) throws ConnectorException {
        return parse(LibvirtXml.read(xml, ctx.origin(), SafeXml.defaults()), ctx);
    }

    /** Parses domain XML text with the default size limit. */
    public static ParsedDomain parse(String xml, DomainParseContext ctx) throws ConnectorException {
        return parse(xml.getBytes(StandardCharsets.UTF_8), ctx);
    }

    /** Maps a parsed document whose root must be {@code <domain>}. */
    public static ParsedDomain parse(Document doc, DomainParseContext ctx) throws ConnectorException {
        XmlOrigin origin = ctx.origin();
        Element domain = LibvirtXml.requireRoot(doc, origin, "domain");
        List<String> issues = new ArrayList<>();

        String name = Dom.childText(domain, "name");
        String uuid = Dom.childText(domain, "uuid");
        String id = vmId(uuid, name, ctx, issues);
        if (name == null) {
            issues.add(origin.label() + ": <name> is missing; the VM is shown by its id");
            name = id;
        }

        VirtualMachine.Builder vm = VirtualMachine.builder(id, name)
                .hostId(ctx.hostId())
                .powerState(offlinePowerState(Dom.attrOrNull(domain, "id")));
        Element memory = Dom.child(domain, "memory");
        vm.memoryBytes(Numbers.memoryBytes(Dom.text(memory), Dom.attr(memory, "unit"), origin, "<memory>"));
        Integer vcpus = Numbers.parseInt(Dom.childText(domain, "vcpu"), origin, "<vcpu>");
        vm.vcpus(vcpus == null ? 1 : vcpus);

        Element metadata = Dom.child(domain, "metadata");
        String os = MetadataParser.guestOs(metadata);
        vm.guestOs(os != null ? Collected.of(os) : Collected.notCollected("no libosinfo metadata in the domain XML"));
        MetadataParser.labels(metadata).forEach(vm::label);
        ProvenanceParser.apply(metadata, origin, vm, issues);
        vm.annotation(annotation(Dom.childText(domain, "title"), Dom.childText(domain, "description")));

        Element devices = Dom.child(domain, "devices");
        DiskParser.Result disks = DiskParser.parse(devices);
        disks.disks().forEach(vm::addDisk);
        disks.removableDrives().forEach(vm::addDevice);
        vm.nics(InterfaceParser.parse(devices, id, ctx, issues));
        GraphicsParser.parse(devices, ctx).forEach(vm::addConsole);
        for (VirtualDevice device : DeviceParser.parse(devices)) {
            vm.addDevice(device);
        }
        SecurityLabelParser.parse(domain).forEach(vm::addSecurityLabel);
        settings(domain, devices, vm);
        return new ParsedDomain(vm.build(), issues);
    }

    /**
     * The security labels of a domain's persistent configuration ({@code virDomainGetXMLDesc} with
     * {@code VIR_DOMAIN_XML_INACTIVE}). A running domain's live XML also lists the labels libvirt's security
     * drivers add for the run (a dynamic DAC, SELinux or AppArmor label for every driver the configuration does
     * not name) and the labels generated for it; they exist only while it runs, so live connectors take the
     * stored setting from the configuration and a power cycle changes nothing.
     */
    public static List<SecurityLabel> configuredSecurityLabels(byte[] inactiveXml, XmlOrigin origin)
            throws ConnectorException {
        Element domain = LibvirtXml.requireRoot(LibvirtXml.read(inactiveXml, origin, SafeXml.defaults()), origin,
                "domain");
        return SecurityLabelParser.parse(domain);
    }

    private static String vmId(String uuid, String name, DomainParseContext ctx, List<String> issues) {
        if (uuid != null && UUID_PATTERN.matcher(uuid).matches()) {
            return canonicalUuid(uuid);
        }
        String basis = name != null ? "name:" + name : "origin:" + ctx.origin().label();
        String derived = UUID.nameUUIDFromBytes(("virtguard-libvirt/" + ctx.hostId() + "/" + basis)
                .getBytes(StandardCharsets.UTF_8)).toString();
        issues.add(ctx.origin().label() + ": <uuid> is " + (uuid == null ? "missing" : "not a UUID ('"
                + Numbers.abbreviate(uuid) + "')") + "; using the derived id " + derived);
        return derived;
    }

    /** A UUID in libvirt's canonical form: lower case with dashes. */
    public static String canonicalUuid(String uuid) {
        String hex = uuid.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    static PowerState offlinePowerState(String idAttribute) {
        if (idAttribute == null || idAttribute.trim().equals("-1")) {
            return PowerState.OFF;
        }
        return PowerState.RUNNING;
    }

    private static String annotation(String title, String description) {
        if (title != null && description != null) {
            return title + "\n\n" + description;
        }
        return title != null ? title : description;
    }

    private static void settings(Element domain, Element devices, VirtualMachine.Builder vm) {
        string(vm, "domain.type", Dom.attrOrNull(domain, "type"));
        Element os = Dom.child(domain, "os");
        Element type = Dom.child(os, "type");
        string(vm, "os.type", Dom.text(type));
        string(vm, "os.arch", Dom.attrOrNull(type, "arch"));
        string(vm, "os.machine", Dom.attrOrNull(type, "machine"));
        string(vm, "os.firmware", Dom.attrOrNull(os, "firmware"));
        Element loader = Dom.child(os, "loader");
        string(vm, "os.loader", Dom.text(loader));
        string(vm, "os.loader.secure", Dom.attrOrNull(loader, "secure"));
        string(vm, "os.kernel", Dom.childText(os, "kernel"));
        string(vm, "cpu.mode", Dom.childAttr(domain, "cpu", "mode"));
        string(vm, "launchSecurity.type", Dom.childAttr(domain, "launchSecurity", "type"));
        string(vm, "devices.emulator", Dom.childText(devices, "emulator"));
        string(vm, "memballoon.model", Dom.childAttr(devices, "memballoon", "model"));
        Element commandline = Dom.childNS(domain, QEMU_NAMESPACE, "commandline");
        vm.setting(Setting.ofBoolean("qemu.commandline", commandline != null));
        if (commandline != null) {
            vm.setting(Setting.ofInteger("qemu.commandline.args",
                    Dom.childrenNS(commandline, QEMU_NAMESPACE, "arg").size()));
        }
    }

    private static void string(VirtualMachine.Builder vm, String key, String value) {
        if (value != null) {
            vm.setting(Setting.ofString(key, value));
        }
    }
}
