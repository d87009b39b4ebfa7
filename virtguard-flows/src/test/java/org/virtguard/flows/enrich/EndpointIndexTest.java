package org.virtguard.flows.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtguard.model.net.Cidr;
import org.virtguard.flows.FlowBuilder;
import org.virtguard.flows.TestInventory;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Endpoint;

class EndpointIndexTest {

    private final TestInventory inventory = new TestInventory().host("h1", "kvm01", "192.0.2.10")
            .vm("vm-1", "web01", "h1", "10.1.0.5", "52:54:00:aa:bb:01")
            .vm("vm-2", "db01", "h1", "fd00::5", "52:54:00:aa:bb:02")
            .network("web-net", "h1", "10.1.0.0/24")
            .zone("10.1.0.0/24", "web", 1, false).zone("192.0.2.0/24", "mgmt", 5, true)
            .zone("fd00::/64", "db", 4, false).zone("0.0.0.0/0", "internet", 0, false);
    private final EndpointIndex index = EndpointIndex.build(inventory.hosts, inventory.vms, inventory.networks,
            inventory.zones());

    @Test
    void attributesAVmAddressToVmHostAndZone() {
        Endpoint e = index.lookup(FlowBuilder.tcp("10.1.0.5", 40000, "8.8.8.8", 53, 0, 0), true);

        assertThat(e.vmName()).isEqualTo("web01");
        assertThat(e.hostName()).isEqualTo("kvm01");
        assertThat(e.zone().name()).isEqualTo("web");
        assertThat(e.mac()).isEqualTo("52:54:00:aa:bb:01");
    }

    @Test
    void anUnownedAddressInAVmSubnetIsAnUnknownTalker() {
        Endpoint e = index.lookup(FlowBuilder.tcp("10.1.0.99", 40000, "8.8.8.8", 53, 0, 0), true);

        assertThat(e.unknownInVmSubnet()).isTrue();
        assertThat(e.vmId()).isNull();
        assertThat(e.address()).isEqualTo("10.1.0.0/24");
        assertThat(e.zone().name()).isEqualTo("web");
        assertThat(index.lookup(FlowBuilder.tcp("10.1.0.99", 40001, "8.8.8.8", 53, 0, 0), true))
                .as("the subnet scan is cached per address").isSameAs(e);
        assertThat(index.lookup(FlowBuilder.tcp("10.1.0.5", 40000, "8.8.8.8", 53, 0, 0), true).vmName())
                .as("a cached unknown talker does not hide an owned address").isEqualTo("web01");
    }

    @Test
    void externalAddressesGetOnlyTheirZone() {
        FlowRecord r = FlowBuilder.tcp("10.1.0.5", 40000, "8.8.8.8", 53, 0, 0);

        Endpoint e = index.lookup(r, false);

        assertThat(e.vmId()).isNull();
        assertThat(e.unknownInVmSubnet()).isFalse();
        assertThat(e.zone().name()).isEqualTo("internet");
        assertThat(index.lookup(r, false)).as("cached").isSameAs(e);
    }

    @Test
    void hostManagementAddressResolvesToTheHost() {
        Endpoint e = index.resolve("192.0.2.10");

        assertThat(e.hostName()).isEqualTo("kvm01");
        assertThat(e.vmId()).isNull();
        assertThat(e.zone().management()).isTrue();
    }

    @Test
    void ipv6AndMacLookups() {
        assertThat(index.resolve("fd00:0:0:0:0:0:0:5").vmName()).isEqualTo("db01");
        FlowRecord l2only = new FlowRecord();
        l2only.clear();
        l2only.srcMac = 0x525400aabb02L;
        assertThat(index.lookup(l2only, true).vmName()).isEqualTo("db01");
    }

    @Test
    void liveIndexFollowsInventoryChanges() {
        LiveEndpointIndex live = new LiveEndpointIndex(inventory.zones());
        assertThat(live.resolve("10.1.0.5").vmId()).isNull();

        live.update(inventory.hosts, inventory.vms, inventory.networks);
        assertThat(live.resolve("10.1.0.5").vmName()).isEqualTo("web01");

        live.update(inventory.hosts, List.of(), inventory.networks);
        assertThat(live.resolve("10.1.0.5").unknownInVmSubnet()).as("VM removed: its address is now unknown").isTrue();
    }

    @Test
    void cidrContainment() {
        Cidr v4 = Cidr.parse("10.1.0.0/23");
        long[] in = AddressTable.words("10.1.1.200");
        long[] out = AddressTable.words("10.1.2.1");
        assertThat(AddressTable.contains(v4, in[0], in[1])).isTrue();
        assertThat(AddressTable.contains(v4, out[0], out[1])).isFalse();
        Cidr v6 = Cidr.parse("2001:db8::/96");
        long[] six = AddressTable.words("2001:db8::1:2");
        assertThat(AddressTable.contains(v6, six[0], six[1])).isTrue();
        assertThat(AddressTable.contains(v6, in[0], in[1])).isFalse();
        assertThat(AddressTable.words("web01.example")).isNull();
    }
}
