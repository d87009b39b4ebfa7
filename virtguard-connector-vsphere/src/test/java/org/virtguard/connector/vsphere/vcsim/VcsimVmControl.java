package org.virtguard.connector.vsphere.vcsim;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapTransport;
import org.virtguard.connector.vsphere.soap.SoapWriter;
import org.virtguard.connector.vsphere.soap.TlsPolicy;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;
import org.w3c.dom.Element;

/**
 * Changes vcsim's VMs by name, for tests in this module and the CLI's: moves VMs between hosts, powers them on
 * and off, takes snapshots, renames, marks templates, adds folders and standard port groups. Every change waits for its task.
 */
public final class VcsimVmControl implements AutoCloseable {

    private final Vim25Client client;

    /** Logs in to the simulator with its test user. */
    public VcsimVmControl(VcsimServer server) throws Exception {
        SoapTransport transport = new SoapTransport(URI.create(server.url()), "6.5",
                TlsPolicy.thumbprint(server.sha256Thumbprint()), Duration.ofSeconds(10), Duration.ofSeconds(60));
        client = new Vim25Client(transport, c -> c.login(VcsimServer.USER, server.password().toCharArray()));
        client.connect();
    }

    /** The VM (or template) with this name. */
    public ManagedObjectRef vm(String name) throws Exception {
        return named("VirtualMachine", name);
    }

    /** The host with this name. */
    public ManagedObjectRef host(String name) throws Exception {
        return named("HostSystem", name);
    }

    /** Moves the VM to the host (and the root resource pool of the host's cluster or standalone host). */
    public void relocate(String vmName, String hostName) throws Exception {
        ManagedObjectRef host = host(hostName);
        ManagedObjectRef computeResource = Xml.ref(one(host, "parent").get("parent"));
        ManagedObjectRef pool = Xml.ref(one(computeResource, "resourcePool").get("resourcePool"));
        task("RelocateVM_Task", vm(vmName), w -> w.open("spec", null).ref("pool", pool).ref("host", host)
                .close("spec"));
    }

    /** Powers the VM on; nothing happens when it is on already. */
    public void powerOn(String vmName) throws Exception {
        setPower(vmName, true);
    }

    /** Powers the VM off (hard); nothing happens when it is off already. */
    public void powerOff(String vmName) throws Exception {
        setPower(vmName, false);
    }

    /** Powers the VM on or off; nothing happens when it is in that state already. */
    public void setPower(String vmName, boolean on) throws Exception {
        ManagedObjectRef vm = vm(vmName);
        boolean isOn = "poweredOn".equals(powerState(vmName));
        if (isOn != on) {
            task(on ? "PowerOnVM_Task" : "PowerOffVM_Task", vm, w -> { });
        }
    }

    /** {@code poweredOn}, {@code poweredOff} or {@code suspended}. */
    public String powerState(String vmName) throws Exception {
        return one(vm(vmName), "runtime.powerState").text("runtime.powerState");
    }

    /** Takes a snapshot without memory; it becomes the current one. */
    public void createSnapshot(String vmName, String snapshotName) throws Exception {
        task("CreateSnapshot_Task", vm(vmName), w -> w.text("name", snapshotName).text("description", "test")
                .text("memory", "false").text("quiesce", "false"));
    }

    /** Marks a powered-off VM as a template. */
    public void markAsTemplate(String vmName) throws Exception {
        client.call("MarkAsTemplate", vm(vmName), w -> { });
    }

    /** Renames a VM. */
    public void rename(String vmName, String newName) throws Exception {
        task("Rename_Task", vm(vmName), w -> w.text("newName", newName));
    }

    /** Creates a folder in the folder that holds the VM. */
    public void createFolderBeside(String vmName, String folderName) throws Exception {
        ManagedObjectRef parent = Xml.ref(one(vm(vmName), "parent").get("parent"));
        client.call("CreateFolder", parent, w -> w.text("name", folderName));
    }

    /** Adds a standard port group on {@code vSwitch0} of a host. */
    public void addStandardPortGroup(String hostName, String portGroup) throws Exception {
        ManagedObjectRef networkSystem = Xml.ref(one(host(hostName), "configManager.networkSystem")
                .get("configManager.networkSystem"));
        client.call("AddPortGroup", networkSystem, w -> w.open("portgrp", null).text("name", portGroup)
                .text("vlanId", "0").text("vswitchName", "vSwitch0").open("policy", null).close("policy")
                .close("portgrp"));
    }

    /** Reads properties of one object. */
    public ObjectContent one(ManagedObjectRef ref, String... paths) throws Exception {
        return client.retrieveObjects(List.of(ref), new PropertyRequest(ref.type(), List.of(paths))).get(0);
    }

    private ManagedObjectRef named(String type, String name) throws Exception {
        ManagedObjectRef view = client.createContainerView(List.of(type));
        List<ObjectContent> out = new ArrayList<>();
        try {
            client.retrieveFromView(view, List.of(new PropertyRequest(type, List.of("name"))), out::add);
        } finally {
            client.destroyView(view);
        }
        return out.stream().filter(o -> name.equals(o.text("name"))).map(ObjectContent::obj).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " named " + name));
    }

    private void task(String method, ManagedObjectRef target, Consumer<SoapWriter> args) throws Exception {
        ManagedObjectRef task = Xml.ref(client.call(method, target, args));
        for (int i = 0; i < 500; i++) {
            ObjectContent info = one(task, "info.state", "info.error");
            String state = info.text("info.state");
            if ("success".equals(state)) {
                return;
            }
            if ("error".equals(state)) {
                Element err = info.get("info.error");
                throw new IllegalStateException(method + " on " + target + " failed: "
                        + Xml.text(err, "localizedMessage"));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(method + " on " + target + " did not finish");
    }

    @Override
    public void close() {
        client.close();
    }
}
