package org.virtguard.connector.vsphere.actions;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.connector.vsphere.inventory.TemplateProvenance;
import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.spi.VmAction;
import org.w3c.dom.Element;

/**
 * Plans a redeploy: the old VM powered off and renamed (kept), a clone of the template created with the old name
 * in the old VM's folder, resource pool and host, its NICs put on the old VM's port groups in order and its
 * provenance (template, the template's update time, deploy time) written to its extraConfig in the same
 * reconfigure (see {@link TemplateProvenance}), powered on.
 */
final class RedeploySteps {

    private final VimLookup lookup;
    private final Tasks tasks;
    private final PowerSteps power;
    private final Clock clock;

    RedeploySteps(VimLookup lookup, Tasks tasks, PowerSteps power) {
        this(lookup, tasks, power, Clock.systemUTC());
    }

    /** @param clock tells the deploy time recorded in the new VM */
    RedeploySteps(VimLookup lookup, Tasks tasks, PowerSteps power, Clock clock) {
        this.lookup = lookup;
        this.tasks = tasks;
        this.power = power;
        this.clock = clock;
    }

    List<Step> redeploy(VmFacts vm, VmAction.Redeploy action)
            throws ActionException, SoapFaultException, TransportException {
        String retired = action.retiredName();
        if (retired.isBlank() || retired.equals(vm.name()) || retired.length() > 80) {
            throw ActionException.failed("retired name " + Names.q(retired) + " for " + vm.shown()
                    + " must be non-blank, at most 80 characters and differ from the VM's name");
        }
        if (vm.folder() == null || vm.pool() == null) {
            throw ActionException.failed(vm.shown() + " has no folder or resource pool to redeploy into "
                    + "(a template or a VM in a vApp)");
        }
        List<ObjectContent> all = new ArrayList<>();
        lookup.allVms(all::add);
        if (all.stream().anyMatch(o -> retired.equals(o.text("name")) && vm.folder().equals(Xml.ref(o.get("parent"))))) {
            throw ActionException.failed("a VM named " + Names.q(retired) + " already exists in the folder of "
                    + vm.shown());
        }
        VmFacts template = template(vm, action.templateName(), all);
        Instant templateUpdated = lookup.templateUpdated(template.ref());
        PortGroups visible = lookup.portGroups(vm.host());
        List<PortGroup> networks = new ArrayList<>();
        for (String n : action.networks()) {
            networks.add(visible.named(n, vm));
        }
        String folderName = lookup.nameOf(vm.folder());
        String poolName = lookup.nameOf(vm.pool());
        String hostName = lookup.nameOf(vm.host());
        String newVm = "new VM " + Names.q(vm.name());

        List<Step> steps = new ArrayList<>();
        steps.add(power.powerOff(vm));
        steps.add(new Step("rename " + vm.shown() + " to " + Names.q(retired) + " (kept, not deleted)",
                p -> tasks.run("Rename_Task", vm.ref(), vm.shown(), w -> w.text("newName", retired))));
        steps.add(new Step("clone template " + Names.q(template.name()) + " to " + newVm + " in folder "
                + Names.q(folderName) + ", resource pool " + Names.q(poolName) + ", host " + Names.q(hostName),
                p -> clone(vm, template, p)));
        List<String> nicLines = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            nicLines.add(newVm + " NIC " + (i + 1) + ": port group " + Names.q(networks.get(i).name())
                    + (i < template.nics().size() ? "" : " (new " + DeviceChanges.NEW_NIC_TYPE + " card)"));
        }
        for (int i = networks.size(); i < template.nics().size(); i++) {
            nicLines.add(newVm + " NIC " + (i + 1) + " from the template: removed (the old VM had "
                    + networks.size() + ")");
        }
        steps.add(new Step("reconfigure " + newVm + ": NICs as follows, and its provenance in extraConfig ("
                + TemplateProvenance.EXTRA_DEPLOYED_FROM + " " + Names.q(template.name()) + ", template updated "
                + (templateUpdated == null ? "at an unknown time" : templateUpdated.toString()) + ", deploy time)",
                p -> reconfigure(p, vm, template.name(), templateUpdated, networks)));
        nicLines.forEach(line -> steps.add(Step.nothing(line)));
        steps.add(new Step("power on " + newVm, p -> tasks.run("PowerOnVM_Task", p.created(), newVm, w -> { })));
        return steps;
    }

    /** The template by name: a VM marked as template, else any other VM with that name. */
    private VmFacts template(VmFacts vm, String name, List<ObjectContent> all)
            throws ActionException, SoapFaultException, TransportException {
        List<ObjectContent> named = all.stream().filter(o -> name.equals(o.text("name"))
                && !o.obj().equals(vm.ref())).toList();
        List<ObjectContent> templates = named.stream().filter(o -> "true".equals(o.text("config.template"))).toList();
        List<ObjectContent> candidates = templates.isEmpty() ? named : templates;
        if (candidates.isEmpty()) {
            throw ActionException.notFound("template " + Names.q(name) + " for redeploying " + vm.shown()
                    + " not found");
        }
        if (candidates.size() > 1) {
            throw ActionException.failed("template name " + Names.q(name) + " for redeploying " + vm.shown()
                    + " is ambiguous (" + candidates.size() + " VMs)");
        }
        VmFacts template = lookup.vm(candidates.get(0).obj());
        if (template == null) {
            throw ActionException.notFound("template " + Names.q(name) + " for redeploying " + vm.shown()
                    + " not found");
        }
        return template;
    }

    private void clone(VmFacts vm, VmFacts template, Progress progress)
            throws ActionException, SoapFaultException, TransportException {
        Element result = tasks.run("CloneVM_Task", template.ref(), "template " + Names.q(template.name()),
                w -> w.ref("folder", vm.folder()).text("name", vm.name())
                        .open("spec", null).open("location", null).ref("pool", vm.pool()).ref("host", vm.host())
                        .close("location").text("template", "false").text("powerOn", "false").close("spec"));
        ManagedObjectRef created = Xml.ref(result);
        VmFacts clone = created == null ? null : lookup.vm(created);
        if (clone == null) {
            throw ActionException.failed("CloneVM_Task of template " + Names.q(template.name())
                    + " reported no new VM");
        }
        progress.created(created, clone.instanceUuid());
    }

    private void reconfigure(Progress progress, VmFacts old, String templateName, Instant templateUpdated,
                             List<PortGroup> networks) throws ActionException, SoapFaultException, TransportException {
        VmFacts clone = lookup.vm(progress.created());
        if (clone == null) {
            throw ActionException.failed("the new VM " + Names.q(old.name()) + " disappeared after cloning");
        }
        DeviceChanges changes = new DeviceChanges();
        for (int i = 0; i < networks.size(); i++) {
            if (i >= clone.nics().size()) {
                changes.add(networks.get(i));
            } else if (!PortGroups.isOn(clone.nics().get(i), networks.get(i))) {
                changes.move(clone.nics().get(i), networks.get(i));
            }
        }
        for (int i = networks.size(); i < clone.nics().size(); i++) {
            changes.remove(clone.nics().get(i));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put(TemplateProvenance.EXTRA_DEPLOYED_FROM, templateName);
        // an empty value removes the key, so a value cloned from the template's own extraConfig does not linger
        provenance.put(TemplateProvenance.EXTRA_TEMPLATE_UPDATED_AT,
                templateUpdated == null ? "" : templateUpdated.toString());
        provenance.put(TemplateProvenance.EXTRA_DEPLOYED_AT,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        tasks.run("ReconfigVM_Task", clone.ref(), "new VM " + Names.q(old.name()),
                w -> changes.writeSpec(w, provenance));
    }
}
