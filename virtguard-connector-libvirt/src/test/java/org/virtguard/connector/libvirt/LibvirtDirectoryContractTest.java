package org.virtguard.connector.libvirt;

import java.util.Map;

import org.virtguard.connector.tck.InventoryConnectorContractTest;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** The offline directory connector passes the connector contract on the lab's host-c dumps. */
class LibvirtDirectoryContractTest extends InventoryConnectorContractTest {

    @Override
    protected InventoryConnector createConnector() throws Exception {
        TestEnvironment.requireLab();
        return new LibvirtConnectorFactory().open(
                new SourceSpec("archive-c", TestEnvironment.labDirectoryUri("host-c"), Map.of()), Credentials.none());
    }

    @Override
    protected InventoryConnector unreachableConnector() throws Exception {
        return new LibvirtConnectorFactory().open(
                new SourceSpec("gone", "libvirt-dir:///nonexistent/virtguard/dumps", Map.of()), Credentials.none());
    }

    @Override
    protected int expectedHosts() {
        return 1;
    }

    @Override
    protected int minimumVms() {
        return 3;
    }
}
