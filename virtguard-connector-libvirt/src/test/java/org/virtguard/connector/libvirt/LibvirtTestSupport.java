package org.virtguard.connector.libvirt;

import java.util.Map;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;

/** Opens lab connectors and skips (or fails, when services are required) without a usable libvirt client. */
final class LibvirtTestSupport {

    private static String libvirtProblem;
    private static boolean checked;

    private LibvirtTestSupport() {
    }

    /** Skips or fails the calling test unless libvirt's test driver works through libvirt-java. */
    static synchronized void requireLibvirt() {
        if (!checked) {
            checked = true;
            try {
                LibvirtEventLoop.ensureStarted("probe");
                Connect c = new Connect("test:///default", true);
                c.close();
            } catch (ConnectorException e) {
                libvirtProblem = e.getMessage();
            } catch (LibvirtException e) {
                libvirtProblem = e.getError().getMessage();
            } catch (LinkageError e) {
                libvirtProblem = String.valueOf(e.getMessage());
            }
        }
        TestEnvironment.require(libvirtProblem == null,
                "a usable libvirt client (Debian package libvirt0; test:///default failed: " + libvirtProblem + ")");
        TestEnvironment.requireLab();
    }

    static SourceSpec labSpec(String host) {
        return new SourceSpec("lab-" + host, TestEnvironment.labTestUri(host), Map.of());
    }

    static SourceSpec labSpec(String host, Map<String, String> options) {
        return new SourceSpec("lab-" + host, TestEnvironment.labTestUri(host), options);
    }

    static LibvirtConnector openLab(String host) throws ConnectorException {
        requireLibvirt();
        return LibvirtConnector.open(labSpec(host), Credentials.none());
    }

    static InventorySnapshot collectLab(String host) throws ConnectorException {
        try (LibvirtConnector c = openLab(host)) {
            return c.collect();
        }
    }

    static VirtualMachine vm(InventorySnapshot s, String name) {
        return s.vms().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no VM " + name + " in " + s.vms().stream().map(VirtualMachine::name).toList()));
    }
}
