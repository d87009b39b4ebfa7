package org.virtguard.connector.libvirt;

import java.util.Map;

import org.virtguard.connector.tck.InventoryConnectorContractTest;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** The live connector passes the connector contract against the test driver (lab host-b). */
class LibvirtLiveContractTest extends InventoryConnectorContractTest {

    @Override
    protected InventoryConnector createConnector() throws Exception {
        return new LibvirtConnectorFactory().open(LibvirtTestSupport.labSpec("host-b"), Credentials.none());
    }

    @Override
    protected InventoryConnector unreachableConnector() throws Exception {
        LibvirtTestSupport.requireLibvirt();
        SourceSpec missing = new SourceSpec("gone", "test://" + TestEnvironment.libvirtLab().resolve("no-such-host.xml"),
                Map.of());
        return new LibvirtConnectorFactory().open(missing, Credentials.none());
    }

    @Override
    protected int expectedHosts() {
        return 1;
    }

    @Override
    protected int minimumVms() {
        LibvirtTestSupport.requireLibvirt();
        return 4;
    }
}
