package org.virtguard.connector.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** The contract fails connectors that break it. */
class ContractDetectsViolationsTest {

    private static final SourceSpec SOURCE = SourceSpec.of("mem:///broken");

    /** Reports two VMs with the same id, a VM on a host that is not in the snapshot, and no unreachable error. */
    static class BrokenConnectorContract extends InventoryConnectorContractTest {
        @Override
        protected InventoryConnector createConnector() {
            String host = "mem:" + SOURCE.id();
            return new InMemoryConnector(SOURCE, List.of(
                    InMemoryConnector.vm("dup", "web01", host, "52:54:00:00:00:01"),
                    InMemoryConnector.vm("dup", "web02", "elsewhere", "52:54:00:00:00:02")), true);
        }

        @Override
        protected InventoryConnector unreachableConnector() {
            return new InMemoryConnector(SourceSpec.of("mem:///nowhere"), List.of(), true);
        }
    }

    @Test
    void failsDuplicateIdsForeignHostsAndMissingUnreachableError() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(
                        selectMethod(BrokenConnectorContract.class, "idsAreUnique"),
                        selectMethod(BrokenConnectorContract.class, "everyVmIsOnAHostOfTheSnapshot"),
                        selectMethod(BrokenConnectorContract.class, "anUnreachableSourceFailsWithSourceUnreachable"),
                        selectMethod(BrokenConnectorContract.class, "closeTwiceDoesNotThrow"))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(4).failed(3).succeeded(1));
    }
}
