package org.virtguard.connector.tck;

import java.util.List;

import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** A well-behaved connector passes the whole contract. */
class InMemoryConnectorContractTest extends InventoryConnectorContractTest {

    private static final SourceSpec SOURCE = SourceSpec.of("mem:///lab");

    @Override
    protected InventoryConnector createConnector() {
        String host = "mem:" + SOURCE.id();
        return new InMemoryConnector(SOURCE, List.of(
                InMemoryConnector.vm("vm-1", "web01", host, "52:54:00:00:00:01"),
                InMemoryConnector.vm("vm-2", "db01", host, "52:54:00:00:00:02")), true);
    }

    @Override
    protected InventoryConnector unreachableConnector() {
        return new InMemoryConnector(SourceSpec.of("mem:///nowhere"), List.of(), false);
    }

    @Override
    protected int expectedHosts() {
        return 1;
    }
}
