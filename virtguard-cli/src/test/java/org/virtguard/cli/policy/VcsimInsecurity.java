package org.virtguard.cli.policy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapTransport;
import org.virtguard.connector.vsphere.soap.SoapWriter;
import org.virtguard.connector.vsphere.soap.TlsPolicy;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;

/** Makes parts of a vcsim lab insecure through the vSphere API, as an administrator would by mistake. */
final class VcsimInsecurity implements AutoCloseable {

    private final SoapTransport transport;
    private final Vim25Client client;

    VcsimInsecurity(VcsimServer lab) throws Exception {
        transport = new SoapTransport(URI.create(lab.url()), "6.5", TlsPolicy.thumbprint(lab.sha256Thumbprint()),
                Duration.ofSeconds(10), Duration.ofSeconds(60));
        client = new Vim25Client(transport, c -> c.login(VcsimServer.USER, lab.password().toCharArray()));
        client.connect();
    }

    ManagedObjectRef named(String type, String name) throws Exception {
        ManagedObjectRef view = client.createContainerView(List.of(type));
        List<ObjectContent> all = new ArrayList<>();
        client.retrieveFromView(view, List.of(new PropertyRequest(type, List.of("name"))), all::add);
        client.destroyView(view);
        return all.stream().filter(o -> name.equals(o.text("name"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type + " named " + name)).obj();
    }

    /** Accepts promiscuous mode, forged transmits and MAC changes on a DV port group (or rejects them). */
    void dvPortgroupSecurity(ManagedObjectRef pg, boolean accept) throws Exception {
        String version = client.retrieveObjects(List.of(pg), new PropertyRequest(pg.type(),
                List.of("config.configVersion"))).get(0).text("config.configVersion");
        SoapWriter w = new SoapWriter("ReconfigureDVPortgroup_Task", pg).open("spec", null)
                .text("configVersion", version)
                .open("defaultPortConfig", "VMwareDVSPortSetting")
                .open("securityPolicy", null).text("inherited", "false");
        for (String policy : List.of("allowPromiscuous", "macChanges", "forgedTransmits")) {
            w.open(policy, null).text("inherited", "false").text("value", Boolean.toString(accept)).close(policy);
        }
        w.close("securityPolicy").close("defaultPortConfig").close("spec");
        waitFor(Xml.ref(transport.call("ReconfigureDVPortgroup_Task", w.build())));
    }

    /** Sets one extraConfig key of a VM. */
    void extraConfig(ManagedObjectRef vm, String key, String value) throws Exception {
        String body = new SoapWriter("ReconfigVM_Task", vm).open("spec", null).open("extraConfig", null)
                .text("key", key).text("value", value).close("extraConfig").close("spec").build()
                .replace("<value>", "<value xsi:type=\"xsd:string\">");
        waitFor(Xml.ref(transport.call("ReconfigVM_Task", body)));
    }

    private void waitFor(ManagedObjectRef task) throws Exception {
        for (int i = 0; i < 500; i++) {
            ObjectContent info = client.retrieveObjects(List.of(task), new PropertyRequest(task.type(),
                    List.of("info.state"))).get(0);
            String state = info.text("info.state");
            if ("success".equals(state)) {
                return;
            }
            if ("error".equals(state)) {
                throw new IllegalStateException("task " + task + " failed");
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("task " + task + " did not finish");
    }

    @Override
    public void close() {
        client.close();
    }
}
