package org.virtguard.connector.libvirt;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmAction;

/**
 * Replaces a domain by a fresh one from a golden template (a shut-off domain), keeping the old one for forensics.
 *
 * <p>Steps: the old domain is destroyed if it runs; it is "renamed" to the retired name by defining a copy of its
 * persistent config under that name with a fresh UUID and then undefining the original (libvirt-java 0.5.4 has no
 * binding for {@code virDomainRename}, although the test driver implements it; the copy route works on every
 * driver). The copy keeps disks, MACs and console settings, has autostart off, and does not carry the original's
 * snapshot metadata over (the plan says how many snapshots that is; snapshot data inside qcow2 images stays).
 * The original is undefined with only the flags it needs (drop snapshot or checkpoint metadata when it has any,
 * keep the NVRAM file when it has one): the test driver refuses the NVRAM and checkpoint flags outright.
 * Then the template's persistent XML, with the old name, no UUID (libvirt assigns a fresh one), and its
 * interfaces placed on the given networks in order with no MACs (libvirt assigns fresh ones), is defined and
 * started; autostart is turned on when the old domain had it. The new domain's {@code <metadata>} records where
 * it came from ({@code <vg:deployed from templateUpdated at/>}, see
 * {@link org.virtguard.connector.libvirt.xml.ProvenanceParser}) in place of the template's own mark, so that a
 * re-read VM carries {@code vm.deployedFrom}.
 *
 * <p>The template's writable disks are copied for the new domain after the old one is powered off, each within its
 * libvirt storage pool ({@link DiskCopies}: {@code qemu-img convert} by libvirt's storage driver), so that the new VM
 * neither writes to the golden images nor shares them; a template disk outside every storage pool is refused at
 * planning. Read-only and shareable disks (an installation ISO) stay shared. The old domain keeps its own disks.
 */
final class Redeployer {

    private static final int UNDEFINE_SNAPSHOTS_METADATA = 2;
    private static final int UNDEFINE_KEEP_NVRAM = 8;
    private static final int UNDEFINE_CHECKPOINTS_METADATA = 16;

    private final ActionLookups lookups;
    private final Clock clock;

    Redeployer(ActionLookups lookups) {
        this(lookups, Clock.systemUTC());
    }

    /** @param clock tells the deploy time recorded in the new domain's metadata */
    Redeployer(ActionLookups lookups, Clock clock) {
        this.lookups = lookups;
        this.clock = clock;
    }

    /** A checked redeploy, ready to carry out. */
    record Prepared(VmAction.Redeploy action, Domain vm, String vmName, boolean active, boolean autostart,
                    int undefineFlags, DomainDocument retiredCopy, DomainDocument replacement,
                    Instant templateUpdated, List<String> nicLines, List<DiskCopies.Copy> diskCopies,
                    List<String> planLines) {
    }

    /** Checks the VM, the template, the retired name and the networks, and works out the new domain. */
    Prepared prepare(VmAction.Redeploy a) throws ConnectorException {
        Domain vm = lookups.vm(a.vmId());
        String name = lookups.name(vm);
        String retired = a.retiredName();
        if (retired.isBlank() || retired.equals(name) || retired.chars().anyMatch(ch -> ch == '/' || ch < 0x20)) {
            throw lookups.refused("cannot retire VM " + name + " as '" + retired + "': not a usable new domain name");
        }
        if (lookups.domainNamed(retired).isPresent()) {
            throw lookups.refused("cannot retire VM " + name + " as " + retired + ": a domain with that name exists");
        }
        Domain template = lookups.domainNamed(a.templateName())
                .orElseThrow(() -> lookups.notFound("template domain " + a.templateName() + " not found"));
        if (lookups.uuid(template, a.templateName()).equals(lookups.uuid(vm, name))) {
            throw lookups.refused("template " + a.templateName() + " is VM " + name + " itself");
        }
        if (lookups.isActive(template, a.templateName())) {
            throw lookups.refused("template " + a.templateName() + " is running; a template must be shut off");
        }
        if (!lookups.isPersistent(vm, name)) {
            throw lookups.refused("VM " + name + " is transient: powered off it would vanish, so it cannot be kept as "
                    + retired);
        }
        for (String network : a.networks()) {
            lookups.requireNetwork(network, true);
        }
        boolean active = lookups.isActive(vm, name);
        boolean autostart;
        int snapshots;
        try {
            autostart = vm.getAutostart();
            snapshots = vm.snapshotNum();
        } catch (LibvirtException e) {
            throw lookups.refused("cannot read autostart and snapshots of VM " + name + ": "
                    + LibvirtErrors.message(e, lookups.source()));
        }
        DomainDocument retiredCopy = lookups.xml(vm, name, true);
        int undefineFlags = (snapshots > 0 ? UNDEFINE_SNAPSHOTS_METADATA : 0)
                | (retiredCopy.hasNvram() ? UNDEFINE_KEEP_NVRAM : 0)
                | (hasCheckpoints(vm) ? UNDEFINE_CHECKPOINTS_METADATA : 0);
        retiredCopy.rename(retired);
        retiredCopy.dropIdentity();
        DomainDocument replacement = lookups.xml(template, a.templateName(), true);
        Instant templateUpdated = replacement.templateUpdated();
        replacement.rename(name);
        replacement.dropIdentity();
        List<String> nicLines = replacement.placeOnNetworks(a.networks());
        List<DiskCopies.Copy> copies = new DiskCopies(lookups).plan(replacement, a.templateName(), name,
                clock.instant());

        List<String> lines = new ArrayList<>();
        lines.add(active ? powerOffStep(name) : "VM " + name + " is already off");
        copies.forEach(c -> lines.add(c.line()));
        lines.add(retireStep(name, retired) + "; autostart off"
                + (snapshots > 0 ? "; its " + snapshots + " snapshot record(s) are not carried over" : ""));
        lines.add(defineStep(name, a.templateName()) + "; " + provenanceNote(templateUpdated));
        lines.addAll(nicLines);
        if (a.networks().isEmpty()) {
            lines.add("VM " + name + " gets no NIC: no networks given");
        }
        if (autostart) {
            lines.add(autostartStep(name));
        }
        lines.add(startStep(name));
        return new Prepared(a, vm, name, active, autostart, undefineFlags, retiredCopy, replacement,
                templateUpdated, nicLines, copies, lines);
    }

    /**
     * Carries a prepared redeploy out.
     *
     * @return the new domain's UUID
     */
    String apply(Prepared p, ActionSteps steps) throws ConnectorException {
        String name = p.vmName();
        if (p.active()) {
            String step = powerOffStep(name);
            try {
                p.vm().destroy();
            } catch (LibvirtException e) {
                throw steps.failed(step, e);
            }
            steps.done(step);
        }
        DiskCopies disks = new DiskCopies(lookups);
        for (DiskCopies.Copy c : p.diskCopies()) {
            disks.apply(c, steps);
        }
        String retireStep = retireStep(name, p.action().retiredName());
        try {
            lookups.connect().domainDefineXML(p.retiredCopy().toXml());
        } catch (LibvirtException e) {
            throw steps.failed(retireStep, e);
        }
        try {
            p.vm().undefine(p.undefineFlags());
        } catch (LibvirtException e) {
            steps.done("define the copy " + p.action().retiredName() + " of VM " + name);
            throw steps.failed("undefine the original VM " + name, e);
        }
        steps.done(retireStep);
        String defineStep = defineStep(name, p.action().templateName());
        Domain created;
        String uuid;
        p.replacement().recordDeployment(p.action().templateName(), p.templateUpdated(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try {
            created = lookups.connect().domainDefineXML(p.replacement().toXml());
            uuid = LiveCollector.normalise(created.getUUIDString());
        } catch (LibvirtException e) {
            throw steps.failed(defineStep, e);
        }
        steps.done(defineStep + " as " + uuid + "; " + provenanceNote(p.templateUpdated()));
        p.nicLines().forEach(steps::done);
        if (p.autostart()) {
            String step = autostartStep(name);
            try {
                created.setAutostart(true);
            } catch (LibvirtException e) {
                throw steps.failed(step, e);
            }
            steps.done(step);
        }
        String startStep = startStep(name);
        try {
            created.create();
        } catch (LibvirtException e) {
            throw steps.failed(startStep, e);
        }
        steps.done(startStep);
        return uuid;
    }

    /**
     * Whether the domain has checkpoints (their metadata must be dropped for undefine to succeed); a driver without
     * checkpoint support has none.
     */
    private static boolean hasCheckpoints(Domain vm) {
        try {
            return vm.listAllCheckpoints(0).length > 0;
        } catch (LibvirtException e) {
            return false;
        }
    }

    private static String powerOffStep(String name) {
        return "power off VM " + name + " (destroy)";
    }

    private static String retireStep(String name, String retired) {
        return "rename VM " + name + " to " + retired + " (define a copy with a fresh UUID, undefine the original)";
    }

    private static String defineStep(String name, String template) {
        return "define a new VM " + name + " from template " + template + " with a fresh UUID";
    }

    private static String provenanceNote(Instant templateUpdated) {
        return "its metadata records the template and the deploy time (template updated "
                + (templateUpdated == null ? "at an unknown time" : templateUpdated.toString()) + ")";
    }

    private static String autostartStep(String name) {
        return "turn autostart on for the new VM " + name + ", as the old one had it";
    }

    private static String startStep(String name) {
        return "start the new VM " + name;
    }
}
