package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;

/**
 * Smoke test against the real libvirtd with QEMU that {@code ./run-tests} starts ({@code VIRTGUARD_TEST_QEMU_URI}):
 * starts a tiny guest (no disk, 64 MiB), collects it and removes it. Skips when the variable is absent, and fails
 * then under {@code VIRTGUARD_REQUIRE_SERVICES=1} (CI), like every other test of a real service.
 */
class QemuSmokeTest {

    @Test
    void collectsATinyQemuGuest() throws Exception {
        try (QemuHost qemu = QemuHost.require("smoke");
             LibvirtConnector c = qemu.openConnector("qemu-smoke", Map.of())) {
            QemuHost.Guest guest = qemu.define("vm");
            qemu.start(guest);
            InventorySnapshot s = c.collect();
            VirtualMachine vm = LibvirtTestSupport.vm(s, guest.name());
            assertThat(vm.id()).isEqualTo(guest.uuid());
            assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(vm.consoles().get(0).listens())
                    .containsExactly(new ConsoleListen(ConsoleListen.Kind.ADDRESS, "127.0.0.1"));
            assertThat(s.hosts().get(0).componentVersions()).containsKeys("libvirt", "qemu");
        }
    }
}
