package org.virtguard.connector.vsphere;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.virtguard.connector.tck.InventoryConnectorContractTest;
import org.virtguard.connector.vsphere.vcsim.TestCredentials;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** The connector contract against a live vcsim (one cluster of 3 hosts and a standalone host, 2 VMs per pool). */
class VsphereContractTest extends InventoryConnectorContractTest {

    private static VcsimServer vcsim;

    @BeforeAll
    static void startVcsim() throws Exception {
        vcsim = VcsimServer.start(3, 1, 2);
    }

    @AfterAll
    static void stopVcsim() {
        if (vcsim != null) {
            vcsim.close();
        }
    }

    @Override
    protected InventoryConnector createConnector() throws Exception {
        SourceSpec spec = new SourceSpec("vc-sim", vcsim.sourceUri(), Map.of("thumbprint", vcsim.sha256Thumbprint()));
        return new VsphereConnectorFactory().open(spec, new TestCredentials(null, vcsim.password()));
    }

    @Override
    protected InventoryConnector unreachableConnector() throws Exception {
        SourceSpec spec = new SourceSpec("vc-gone", "vsphere://virtguard@127.0.0.1:1",
                Map.of("thumbprint", vcsim.sha256Thumbprint()));
        return new VsphereConnectorFactory().open(spec, new TestCredentials(null, "x"));
    }

    @Override
    protected int expectedHosts() {
        return 4;
    }

    @Override
    protected int minimumVms() {
        return 4;
    }
}
