package org.virtguard.connector.vsphere.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/** An RVTools export is a picture of the past: nothing can be changed through it. */
class RvToolsActuatorTest {

    @TempDir
    Path temp;

    @Test
    void anRvToolsImportOffersNoActuator() throws Exception {
        Path dir = RvToolsFixture.write(temp.resolve("export"));
        try (InventoryConnector c = new RvToolsConnectorFactory().open(new SourceSpec("rv", "rvtools://" + dir,
                Map.of()), Credentials.none())) {
            assertThat(c.collect().vms()).isNotEmpty();
            assertThat(c.actuator()).isEmpty();
        }
    }
}
