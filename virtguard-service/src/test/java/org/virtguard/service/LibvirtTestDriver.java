package org.virtguard.service;

import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** Skips a test (fails it under {@code VIRTGUARD_REQUIRE_SERVICES=1}) unless libvirt's test driver works here. */
public final class LibvirtTestDriver {

    private LibvirtTestDriver() {
    }

    public static void require() {
        String problem = null;
        try (InventoryConnector probe = ConnectorRegistry.fromClassPath()
                .open(new ConfiguredSource(SourceSpec.of("test:///default"), Credentials.none()))) {
            probe.collect();
        } catch (ConnectorException | UnsatisfiedLinkError e) {
            problem = e.getMessage();
        }
        TestEnvironment.require(problem == null, "libvirt's test driver (Debian package libvirt0; test:///default "
                + "failed: " + problem + ")");
    }
}
