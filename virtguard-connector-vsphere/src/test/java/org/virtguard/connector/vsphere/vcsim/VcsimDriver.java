package org.virtguard.connector.vsphere.vcsim;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapTransport;
import org.virtguard.connector.vsphere.soap.SoapWriter;
import org.virtguard.connector.vsphere.soap.TlsPolicy;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;
import org.w3c.dom.Element;

/** Drives vcsim into the states tests assert on: insecure port groups, extraConfig keys, relocations, events. */
public final class VcsimDriver implements AutoCloseable {

    private final SoapTransport transport;
    private final Vim25Client client;

    public VcsimDriver(VcsimServer server) throws Exception {
        transport = new SoapTransport(URI.create(server.url()), "6.5", TlsPolicy.thumbprint(server.sha256Thumbprint()),
                Duration.ofSeconds(10), Duration.ofSeconds(60));
        client = new Vim25Client(transport, c -> c.login(VcsimServer.USER, server.password().toCharArray()));
        client.connect();
    }

    /** Every object of a type with the given properties. */
    public List<ObjectContent> all(String type, String... paths) throws Exception {
        ManagedObjectRef view = client.createContainerView(List.of(type));
        List<ObjectContent> out = new ArrayList<>();
        client.retrieveFromView(view, List.of(new PropertyRequest(type, List.of(paths))), out::add);
        client.destroyView(view);
        return out;
    }

    public ObjectContent one(ManagedObjectRef ref, String... paths) throws Exception {
        return client.retrieveObjects(List.of(ref), new PropertyRequest(ref.type(), List.of(paths))).get(0);
    }

    /** Accepts (or rejects) forged transmits, promiscuous mode and MAC changes on a DV port group. */
    public void setDvPortgroupSecurity(ManagedObjectRef pg, boolean promiscuous, boolean forged, boolean macChanges)
            throws Exception {
        String version = one(pg, "config.configVersion").text("config.configVersion");
        SoapWriter w = new SoapWriter("ReconfigureDVPortgroup_Task", pg).open("spec", null)
                .text("configVersion", version)
                .open("defaultPortConfig", "VMwareDVSPortSetting")
                .open("securityPolicy", null).text("inherited", "false");
        boolPolicy(w, "allowPromiscuous", promiscuous);
        boolPolicy(w, "macChanges", macChanges);
        boolPolicy(w, "forgedTransmits", forged);
        w.close("securityPolicy").close("defaultPortConfig").close("spec");
        waitForTask(Xml.ref(transport.call("ReconfigureDVPortgroup_Task", w.build())));
    }

    private static void boolPolicy(SoapWriter w, String name, boolean value) {
        w.open(name, null).text("inherited", "false").text("value", Boolean.toString(value)).close(name);
    }

    /** Sets extraConfig keys on a VM. */
    public void setExtraConfig(ManagedObjectRef vm, String key, String value) throws Exception {
        String body = new SoapWriter("ReconfigVM_Task", vm).open("spec", null).open("extraConfig", null)
                .text("key", key).open("value", "xsd:string").close("value").close("extraConfig").close("spec").build()
                .replace("<value xsi:type=\"xsd:string\"></value>", "<value xsi:type=\"xsd:string\">" + value + "</value>");
        waitForTask(Xml.ref(transport.call("ReconfigVM_Task", body)));
    }

    /** Moves a VM to another host with {@code RelocateVM_Task} and waits for it to finish. */
    public void relocate(ManagedObjectRef vm, ManagedObjectRef host, ManagedObjectRef pool) throws Exception {
        SoapWriter w = new SoapWriter("RelocateVM_Task", vm).open("spec", null).ref("pool", pool).ref("host", host)
                .close("spec");
        waitForTask(Xml.ref(transport.call("RelocateVM_Task", w.build())));
    }

    /** Posts a {@code DrsVmMigratedEvent} (vcsim raises no migration events itself). */
    public void postDrsMigration(ManagedObjectRef vm, String vmName, ManagedObjectRef host, String hostName,
                                 ManagedObjectRef sourceHost, String sourceHostName) throws Exception {
        ManagedObjectRef eventManager = client.content().eventManager();
        SoapWriter w = new SoapWriter("PostEvent", eventManager).open("eventToPost", "DrsVmMigratedEvent")
                .text("key", "0").text("chainId", "0").text("createdTime", java.time.Instant.now().toString())
                .text("userName", "drs")
                .open("host", null).text("name", hostName).ref("host", host).close("host")
                .open("vm", null).text("name", vmName).ref("vm", vm).close("vm")
                .text("fullFormattedMessage", "DRS migrated " + vmName)
                .text("template", "false")
                .open("sourceHost", null).text("name", sourceHostName).ref("host", sourceHost).close("sourceHost")
                .close("eventToPost");
        transport.call("PostEvent", w.build());
    }

    /** Defines a VM custom attribute and sets it on a VM. */
    public void setCustomAttribute(ManagedObjectRef vm, String name, String value) throws Exception {
        ManagedObjectRef cfm = client.content().customFieldsManager();
        Element def = transport.call("AddCustomFieldDef", new SoapWriter("AddCustomFieldDef", cfm).text("name", name)
                .text("moType", "VirtualMachine").build());
        String key = Xml.text(def, "key");
        transport.call("SetField", new SoapWriter("SetField", cfm).ref("entity", vm).text("key", key)
                .text("value", value).build());
    }

    /** Ends every session except the driver's own: the connector must log in again by itself. */
    public int terminateOtherSessions() throws Exception {
        ManagedObjectRef sm = client.content().sessionManager();
        ObjectContent sessions = one(sm, "sessionList", "currentSession");
        String own = Xml.text(Xml.child(sessions.get("currentSession"), "key"));
        List<String> others = new ArrayList<>();
        for (Element s : Xml.children(sessions.get("sessionList"))) {
            String key = Xml.text(Xml.child(s, "key"));
            if (key != null && !key.equals(own)) {
                others.add(key);
            }
        }
        if (!others.isEmpty()) {
            SoapWriter w = new SoapWriter("TerminateSession", sm);
            others.forEach(k -> w.text("sessionId", k));
            transport.call("TerminateSession", w.build());
        }
        return others.size();
    }

    private void waitForTask(ManagedObjectRef task) throws Exception {
        for (int i = 0; i < 500; i++) {
            ObjectContent info = one(task, "info.state", "info.error");
            String state = info.text("info.state");
            if ("success".equals(state)) {
                return;
            }
            if ("error".equals(state)) {
                Element err = info.get("info.error");
                throw new IllegalStateException("task " + task + " failed: " + Xml.text(err, "localizedMessage"));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("task " + task + " did not finish");
    }

    public Vim25Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
