package org.virtguard.connector.vsphere.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.connector.vsphere.inventory.Canned.denied;
import static org.virtguard.connector.vsphere.inventory.Canned.objects;
import static org.virtguard.connector.vsphere.inventory.Canned.prop;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.ServiceContent;
import org.virtguard.model.CollectionStatus;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.SettingType;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VlanMode;

/** Mapping of hand-written vim25 answers, covering what vcsim does not produce. */
class MappingTest {

    private static final VsphereIds IDS = new VsphereIds("vc-uuid");
    private static final ServiceContent VC = new ServiceContent(null, null, null, null, null, null,
            "VMware vCenter Server", "8.0.3", "24022515", "8.0.3.0", "VirtualCenter", "vc-uuid", null);

    @Test
    void aHostWhoseServicesAndOptionsAreDeniedRecordsNotCollectedWithTheReason() throws Exception {
        ObjectContent h = objects("<obj type=\"HostSystem\">host-7</obj>" + prop("name", "xsd:string", "esx07")
                + denied("config.service") + denied("config.firewall"));
        Host host = new HostMapper("src", IDS, VC).map(h, null, null, null, "access denied (NoPermission)");
        assertThat(host.id()).isEqualTo("vsphere:vc-uuid:host-7");
        assertThat(host.setting("service.TSM-SSH.running").status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
        assertThat(host.setting("service.TSM-SSH.running").reason()).contains("NoPermission");
        assertThat(host.setting("Security.AccountLockFailures").status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
        assertThat(host.setting("firewall.sshServer.enabled").reason()).contains("NoPermission");
        assertThat(host.componentVersions()).containsEntry("vcenter.build", "24022515");
    }

    @Test
    void hostServicesNtpFirewallAndVmkernelServicesAreMapped() throws Exception {
        ObjectContent h = objects("<obj type=\"HostSystem\">host-7</obj>"
                + prop("config.service", "HostServiceInfo", "<service><key>TSM-SSH</key><running>true</running>"
                        + "<policy>on</policy></service>")
                + prop("config.dateTimeInfo", "HostDateTimeInfo", "<ntpConfig><server>ntp1</server><server>ntp2</server>"
                        + "</ntpConfig>")
                + prop("config.firewall", "HostFirewallInfo", "<ruleset><key>sshServer</key><enabled>true</enabled>"
                        + "<allowedHosts><allIp>false</allIp><ipAddress>10.0.0.5</ipAddress><ipNetwork><network>"
                        + "10.1.0.0</network><prefixLength>16</prefixLength></ipNetwork></allowedHosts></ruleset>")
                + prop("config.network.portgroup", "ArrayOfHostPortGroup", "<HostPortGroup><spec><name>vMotion</name>"
                        + "<vlanId>42</vlanId><vswitchName>vSwitch1</vswitchName></spec></HostPortGroup>")
                + prop("config.network.vnic", "ArrayOfHostVirtualNic", "<HostVirtualNic><device>vmk1</device>"
                        + "<portgroup>vMotion</portgroup><spec><ip><ipAddress>10.2.0.7</ipAddress><subnetMask>"
                        + "255.255.255.0</subnetMask></ip></spec></HostVirtualNic>")
                + prop("config.virtualNicManagerInfo.netConfig", "ArrayOfVirtualNicManagerNetConfig",
                        "<VirtualNicManagerNetConfig><nicType>vmotion</nicType><candidateVnic><device>vmk1</device>"
                                + "<key>vmotion.key-vmk1</key></candidateVnic><selectedVnic>vmotion.key-vmk1"
                                + "</selectedVnic></VirtualNicManagerNetConfig>"));
        Map<String, OptionValues.Value> advanced = OptionValues.read(Canned.objects(prop("setting",
                "ArrayOfOptionValue", "<OptionValue><key>Security.AccountLockFailures</key><value xsi:type=\"xsd:int\">5"
                        + "</value></OptionValue>")).get("setting"));
        Host host = new HostMapper("src", IDS, VC).map(h, null, null, advanced, null);
        assertThat(host.setting("Security.AccountLockFailures").asLong()).contains(5L);
        assertThat(host.setting("Security.AccountLockFailures").type()).isEqualTo(SettingType.INTEGER);
        assertThat(host.setting("service.TSM-SSH.running").asBoolean()).contains(true);
        assertThat(host.setting("service.TSM-SSH.policy").value()).isEqualTo("on");
        assertThat(host.setting("ntp.servers").value()).isEqualTo("ntp1,ntp2");
        assertThat(host.setting("firewall.sshServer.allowedAll").asBoolean()).contains(false);
        assertThat(host.setting("firewall.sshServer.allowedIps").value()).isEqualTo("10.0.0.5,10.1.0.0/16");
        assertThat(host.setting("vmk.vmk1.vlan").asLong()).contains(42L);
        assertThat(host.setting("vmk.vmk1.services").value()).isEqualTo("vmotion");
        assertThat(host.setting("vmk.vmk1.ip").value()).isEqualTo("10.2.0.7/24");
    }

    @Test
    void dvPortGroupVlansPoliciesMirroringAndNetflowAreMapped() throws Exception {
        ObjectContent dvs = objects("<obj type=\"VmwareDistributedVirtualSwitch\">dvs-1</obj>"
                + prop("name", "xsd:string", "dvs-prod")
                + prop("config.ipfixConfig", "VMwareIpfixConfig", "<collectorIpAddress>10.9.9.9</collectorIpAddress>"
                        + "<collectorPort>2055</collectorPort>")
                + prop("config.vspanSession", "ArrayOfVMwareVspanSession", "<VMwareVspanSession><enabled>true</enabled>"
                        + "<destinationPort><ipAddress>10.8.8.8</ipAddress></destinationPort></VMwareVspanSession>"));
        ObjectContent trunk = objects("<obj type=\"DistributedVirtualPortgroup\">dvportgroup-9</obj>"
                + prop("name", "xsd:string", "trunk-pg")
                + prop("config.defaultPortConfig", "VMwareDVSPortSetting",
                        "<vlan xsi:type=\"VmwareDistributedVirtualSwitchTrunkVlanSpec\"><vlanId><start>100</start>"
                                + "<end>101</end></vlanId><vlanId><start>300</start><end>399</end></vlanId></vlan>"
                                + "<securityPolicy><allowPromiscuous><value>true</value></allowPromiscuous>"
                                + "<macChanges><value>false</value></macChanges><forgedTransmits><value>true</value>"
                                + "</forgedTransmits></securityPolicy><ipfixEnabled><value>true</value></ipfixEnabled>"));
        Network n = new NetworkMapper(IDS).distributedPortGroup(trunk, dvs);
        assertThat(n.id()).isEqualTo("vsphere:vc-uuid:dvportgroup-9");
        assertThat(n.switchName()).isEqualTo("dvs-prod");
        assertThat(n.vlan().value().mode()).isEqualTo(VlanMode.TRUNK);
        assertThat(n.vlan().value().ranges()).containsExactly("100-101", "300-399");
        assertThat(n.l2Policy().promiscuousAllowed().value()).isTrue();
        assertThat(n.l2Policy().forgedTransmitsAllowed().value()).isTrue();
        assertThat(n.settings().get("dvs.netflow.enabled").value()).isEqualTo("true");
        assertThat(n.settings().get("dvs.netflow.collectorIp").value()).isEqualTo("10.9.9.9");
        assertThat(n.settings().get("dvs.portMirroring.sessions").value()).isEqualTo("1");
        assertThat(n.settings().get("dvs.portMirroring.destinations").value()).isEqualTo("ip:10.8.8.8");

        ObjectContent all = objects("<obj type=\"DistributedVirtualPortgroup\">dvportgroup-10</obj>"
                + prop("config.defaultPortConfig", "VMwareDVSPortSetting",
                        "<vlan xsi:type=\"VmwareDistributedVirtualSwitchTrunkVlanSpec\"><vlanId><start>0</start>"
                                + "<end>4094</end></vlanId></vlan>"));
        Network allVlans = new NetworkMapper(IDS).distributedPortGroup(all, dvs);
        assertThat(allVlans.vlan().value().mode()).isEqualTo(VlanMode.ALL);
        assertThat(allVlans.l2Policy().forgedTransmitsAllowed().status()).isEqualTo(CollectionStatus.NOT_COLLECTED);

        ObjectContent pvlan = objects("<obj type=\"DistributedVirtualPortgroup\">dvportgroup-11</obj>"
                + prop("config.defaultPortConfig", "VMwareDVSPortSetting",
                        "<vlan xsi:type=\"VmwareDistributedVirtualSwitchPvlanSpec\"><pvlanId>501</pvlanId></vlan>"));
        assertThat(new NetworkMapper(IDS).distributedPortGroup(pvlan, null).vlan().value().mode())
                .isEqualTo(VlanMode.PRIVATE);
    }

    @Test
    void aStandardPortGroupWithoutComputedPolicyFallsBackToItsVswitch() throws Exception {
        ObjectContent h = objects("<obj type=\"HostSystem\">host-3</obj>"
                + prop("config.network.vswitch", "ArrayOfHostVirtualSwitch", "<HostVirtualSwitch><name>vSwitch0</name>"
                        + "<spec><policy><security><allowPromiscuous>false</allowPromiscuous><macChanges>true"
                        + "</macChanges><forgedTransmits>true</forgedTransmits></security></policy></spec>"
                        + "</HostVirtualSwitch>")
                + prop("config.network.portgroup", "ArrayOfHostPortGroup", "<HostPortGroup><spec><name>dmz</name>"
                        + "<vlanId>4095</vlanId><vswitchName>vSwitch0</vswitchName><policy><security>"
                        + "<forgedTransmits>false</forgedTransmits></security></policy></spec></HostPortGroup>"));
        Network pg = new NetworkMapper(IDS).standardPortGroups(h).get(0);
        assertThat(pg.id()).isEqualTo("vsphere:vc-uuid:host-3/pg/dmz");
        assertThat(pg.l2Policy().forgedTransmitsAllowed().value()).isFalse();
        assertThat(pg.l2Policy().macChangesAllowed().value()).isTrue();
        assertThat(pg.vlan().value().mode()).isEqualTo(VlanMode.ALL);
    }

    @Test
    void vmDevicesExtraConfigSnapshotsAndNicsAreMapped() throws Exception {
        ObjectContent vm = objects("<obj type=\"VirtualMachine\">vm-5</obj>"
                + prop("name", "xsd:string", "pay01")
                + prop("config.instanceUuid", "xsd:string", "50ABCDEF-0000-1111-2222-333344445555")
                + prop("runtime.host", "ManagedObjectReference", "host-3").replace("<val xsi:type=\"ManagedObjectReference\">",
                        "<val xsi:type=\"ManagedObjectReference\" type=\"HostSystem\">")
                + prop("runtime.powerState", "VirtualMachinePowerState", "poweredOn")
                + prop("config.extraConfig", "ArrayOfOptionValue", "<OptionValue><key>isolation.tools.copy.disable"
                        + "</key><value xsi:type=\"xsd:string\">FALSE</value></OptionValue>")
                + prop("config.hardware.device", "ArrayOfVirtualDevice",
                        "<VirtualDevice xsi:type=\"VirtualFloppy\"><key>8000</key><connectable><startConnected>true"
                                + "</startConnected><connected>false</connected></connectable></VirtualDevice>"
                                + "<VirtualDevice xsi:type=\"VirtualSerialPort\"><backing xsi:type="
                                + "\"VirtualSerialPortURIBackingInfo\"><serviceURI>tcp://0.0.0.0:5000</serviceURI>"
                                + "<direction>server</direction></backing></VirtualDevice>"
                                + "<VirtualDevice xsi:type=\"VirtualVmxnet3\"><macAddress>00:50:56:AA:BB:CC"
                                + "</macAddress><backing xsi:type=\"VirtualEthernetCardDistributedVirtualPortBackingInfo\">"
                                + "<port><switchUuid>50 1a</switchUuid><portgroupKey>dvportgroup-9</portgroupKey>"
                                + "<portKey>17</portKey></port></backing><connectable><connected>true</connected>"
                                + "</connectable></VirtualDevice>"
                                + "<VirtualDevice xsi:type=\"VirtualFutureDevice\"><key>1</key></VirtualDevice>")
                + prop("snapshot", "VirtualMachineSnapshotInfo", "<currentSnapshot type=\"VirtualMachineSnapshot\">"
                        + "snapshot-2</currentSnapshot><rootSnapshotList><snapshot type=\"VirtualMachineSnapshot\">"
                        + "snapshot-1</snapshot><name>base</name><createTime>2024-01-01T00:00:00Z</createTime>"
                        + "<childSnapshotList><snapshot type=\"VirtualMachineSnapshot\">snapshot-2</snapshot><name>"
                        + "patch</name></childSnapshotList></rootSnapshotList>"));
        NetworkLookup lookup = new NetworkLookup();
        lookup.addDvPortgroup(objects("<obj type=\"DistributedVirtualPortgroup\">dvportgroup-9</obj>"
                + prop("name", "xsd:string", "pci-pg") + prop("key", "xsd:string", "dvportgroup-9")
                + "<propSet><name>config.distributedVirtualSwitch</name><val type=\"VmwareDistributedVirtualSwitch\">"
                + "dvs-1</val></propSet>"));
        lookup.addDvs(objects("<obj type=\"VmwareDistributedVirtualSwitch\">dvs-1</obj>"
                + prop("name", "xsd:string", "dvs-prod")));
        VirtualMachine mapped = new VmMapper(IDS).map(vm, "vsphere:vc-uuid:domain-c1", lookup);
        assertThat(mapped.id()).isEqualTo("50abcdef-0000-1111-2222-333344445555");
        assertThat(mapped.hostId()).isEqualTo("vsphere:vc-uuid:host-3");
        assertThat(mapped.settings().get("isolation.tools.copy.disable").value()).isEqualTo("FALSE");
        assertThat(mapped.settings().get("tools.status").status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
        assertThat(mapped.devices()).extracting(d -> d.kind()).containsExactly(DeviceKind.FLOPPY, DeviceKind.SERIAL);
        assertThat(mapped.devices().get(0).connected()).isFalse();
        assertThat(mapped.devices().get(0).attribute("startConnected")).isEqualTo("true");
        assertThat(mapped.devices().get(1).attribute("serviceURI")).isEqualTo("tcp://0.0.0.0:5000");
        assertThat(mapped.nics()).singleElement().satisfies(nic -> {
            assertThat(nic.attachment()).isEqualTo(NicAttachment.DISTRIBUTED_PORT_GROUP);
            assertThat(nic.networkName()).isEqualTo("pci-pg");
            assertThat(nic.switchName()).isEqualTo("dvs-prod");
            assertThat(nic.sourceMode()).isEqualTo("17");
            assertThat(nic.mac()).isEqualTo("00:50:56:aa:bb:cc");
        });
        assertThat(mapped.snapshots()).extracting(s -> s.name() + ":" + s.parent() + ":" + s.current())
                .containsExactly("base:null:false", "patch:base:true");
    }

    @Test
    void deniedExtraConfigMarksTheHardeningKeysNotCollected() throws Exception {
        ObjectContent vm = objects("<obj type=\"VirtualMachine\">vm-6</obj>"
                + prop("config.instanceUuid", "xsd:string", "50abcdef-0000-1111-2222-333344445566")
                + denied("config.extraConfig"));
        VirtualMachine mapped = new VmMapper(IDS).map(vm, null, new NetworkLookup());
        assertThat(mapped.settings().get("isolation.tools.copy.disable").status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
        assertThat(mapped.settings().get("isolation.tools.copy.disable").reason()).contains("NoPermission");
    }
}
