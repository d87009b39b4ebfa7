package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.libvirt.NodeInfo;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.PowerState;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;

/**
 * Inventory of a real QEMU host through {@link LibvirtConnector#collect()}: the guests, the isolated network and the
 * nwfilter this test defines, with their state, and host facts checked against what libvirt itself reports.
 */
class QemuInventoryTest {

    @Test
    void collectsDomainsNetworksFiltersAndHostFacts() throws Exception {
        try (QemuHost qemu = QemuHost.require("inv");
             LibvirtConnector connector = qemu.openConnector("qemu-inventory", Map.of())) {
            String net = qemu.isolatedNetwork("net");
            String filter = qemu.dropAllFilter("drop");
            QemuHost.Guest running = qemu.defineFiltered("run", filter, net);
            QemuHost.Guest off = qemu.define("off", net, net);
            qemu.start(running);

            InventorySnapshot s = connector.collect();

            VirtualMachine vm = LibvirtTestSupport.vm(s, running.name());
            assertThat(vm.id()).isEqualTo(running.uuid());
            assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(vm.memoryBytes()).isEqualTo(64L * 1024 * 1024);
            assertThat(vm.vcpus()).isEqualTo(1);
            assertThat(vm.nics()).singleElement().satisfies(nic -> {
                assertThat(nic.mac()).isEqualTo(running.macs().get(0));
                assertThat(nic.attachment()).isEqualTo(NicAttachment.NETWORK);
                assertThat(nic.networkName()).isEqualTo(net);
                assertThat(nic.targetDevice()).as("a running NIC has its tap device").isNotBlank();
                assertThat(nic.filter()).isNotNull();
                assertThat(nic.filter().name()).isEqualTo(filter);
            });
            VirtualMachine stopped = LibvirtTestSupport.vm(s, off.name());
            assertThat(stopped.id()).isEqualTo(off.uuid());
            assertThat(stopped.powerState()).isEqualTo(PowerState.OFF);
            assertThat(stopped.nics()).extracting(VirtualNic::mac).containsExactlyElementsOf(off.macs());

            Network network = s.networks().stream().filter(n -> n.name().equals(net)).findFirst().orElseThrow();
            assertThat(network.active()).isTrue();
            assertThat(network.forwardMode()).as("isolated: no forward").isIn(null, "", "none", "isolated");
            assertThat(network.bridge()).isNotBlank();

            TrafficFilterDefinition drop = s.filters().stream().filter(f -> f.name().equals(filter)).findFirst()
                    .orElseThrow();
            assertThat(drop.ruleCount()).isEqualTo(1);
            assertThat(s.filters()).extracting(TrafficFilterDefinition::name).contains("clean-traffic", "no-ip-spoofing");

            Host host = s.hosts().get(0);
            long libVersion = qemu.run(c -> c.getLibVersion());
            long qemuVersion = qemu.run(c -> c.getVersion());
            NodeInfo node = qemu.run(c -> c.nodeInfo());
            String securityModel = qemu.run(c -> c.getSecurityModel().getModel());
            assertThat(host.componentVersions()).containsEntry("libvirt", LibvirtVersions.format(libVersion))
                    .containsEntry("qemu", LibvirtVersions.format(qemuVersion));
            assertThat(host.productName()).isEqualTo("QEMU");
            assertThat(host.productVersion()).isEqualTo(LibvirtVersions.format(qemuVersion));
            assertThat(host.hardware().cpuModel()).isEqualTo(node.model);
            assertThat(host.hardware().cpus()).isEqualTo(node.cpus);
            assertThat(host.setting("security.model")).isNotNull();
            assertThat(host.setting("security.model").value().toLowerCase(Locale.ROOT))
                    .isEqualTo(securityModel == null || securityModel.isBlank() ? "none" : securityModel);
        }
    }
}
