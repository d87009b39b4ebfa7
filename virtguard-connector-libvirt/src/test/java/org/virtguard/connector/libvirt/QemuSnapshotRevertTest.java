package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.PowerState;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;

/**
 * Revert to snapshot on a real QEMU guest through the actuator: the guest's qcow2 disk (made by {@code qemu-img})
 * holds an internal snapshot taken while it ran; after the guest was powered off, the revert brings it back running,
 * as the snapshot has it. An unknown snapshot name is refused with the names the VM has.
 */
class QemuSnapshotRevertTest {

    @Test
    void revertsAStoppedGuestToTheSnapshotOfItsRunningState() throws Exception {
        try (QemuHost qemu = QemuHost.require("snap");
             LibvirtConnector connector = qemu.openConnector("qemu-snapshot", Map.of())) {
            String net = qemu.isolatedNetwork("net");
            Path disk = qemu.qcow2Disk("disk");
            QemuHost.Guest g = qemu.defineWithDisk("vm", disk, net);
            qemu.start(g);
            qemu.run(c -> c.domainLookupByName(g.name()).snapshotCreateXML(
                    "<domainsnapshot><name>golden</name></domainsnapshot>"));
            int snapshots = qemu.run(c -> c.domainLookupByName(g.name()).snapshotNum());
            assertThat(snapshots).isEqualTo(1);
            qemu.destroy(g);
            assertThat(qemu.isActive(g)).isFalse();

            VmActuator actuator = connector.actuator().orElseThrow();
            VmAction.RevertToSnapshot revert = new VmAction.RevertToSnapshot(g.uuid(), "golden");
            assertThat(actuator.plan(revert).steps()).singleElement().asString()
                    .startsWith("revert VM " + g.name() + " to snapshot golden").contains("VM then running");
            VmActuator.Outcome done = actuator.execute(revert);
            assertThat(done.vmAfter().orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(qemu.isActive(g)).as("libvirt runs the guest again, from the snapshot").isTrue();

            ConnectorException unknown = catchThrowableOfType(ConnectorException.class,
                    () -> actuator.plan(new VmAction.RevertToSnapshot(g.uuid(), "nope")));
            assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(unknown.getMessage()).contains("no snapshot nope", "golden");
        }
    }
}
