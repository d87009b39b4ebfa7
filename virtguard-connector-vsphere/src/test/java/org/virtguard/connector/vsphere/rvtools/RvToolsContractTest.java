package org.virtguard.connector.vsphere.rvtools;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.InventoryConnectorContractTest;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

class RvToolsContractTest extends InventoryConnectorContractTest {

    @TempDir
    static Path temp;

    @Override
    protected InventoryConnector createConnector() throws Exception {
        Path dir = RvToolsFixture.write(temp.resolve("export"));
        return new RvToolsConnectorFactory().open(new SourceSpec("rv", "rvtools://" + dir, Map.of()), Credentials.none());
    }

    @Override
    protected InventoryConnector unreachableConnector() throws Exception {
        return new RvToolsConnectorFactory().open(new SourceSpec("rv-gone", "rvtools://" + temp.resolve("missing"),
                Map.of()), Credentials.none());
    }

    @Override
    protected int expectedHosts() {
        return 2;
    }

    @Override
    protected int minimumVms() {
        return 2;
    }
}
