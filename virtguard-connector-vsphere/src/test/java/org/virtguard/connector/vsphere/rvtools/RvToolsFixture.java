package org.virtguard.connector.vsphere.rvtools;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a small RVTools per-tab CSV export, in the column layout of RVTools 4.x. */
final class RvToolsFixture {

    private RvToolsFixture() {
    }

    static Path write(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("RVTools_tabvInfo.csv"), """
                VM,Powerstate,Template,CPUs,Memory,NICs,Host,Cluster,Datacenter,OS according to the configuration file,VM UUID,Annotation,HW version,VI SDK UUID
                web01,poweredOn,False,2,4096,1,esx01.example.net,prod,DC1,"Ubuntu Linux (64-bit)",4213AAAA-1111-2222-3333-444455556666,"web, tier 1",19,D1E2F3A4-0000-1111-2222-333344445555
                tmpl01,poweredOff,True,1,1024,0,esx02.example.net,prod,DC1,Other,4213BBBB-1111-2222-3333-444455556666,,17,D1E2F3A4-0000-1111-2222-333344445555
                broken,poweredOn,False,1,1024,0,esx01.example.net,prod,DC1,Other
                orphan,poweredOn,False,1,1024,0,,prod,DC1,Other,4213CCCC-1111-2222-3333-444455556666,,17,D1E2F3A4-0000-1111-2222-333344445555
                """);
        Files.writeString(dir.resolve("RVTools_tabvHost.csv"), """
                Host,Datacenter,Cluster,ESX Version,VI SDK UUID
                esx01.example.net,DC1,prod,VMware ESXi 8.0.2 build-22380479,D1E2F3A4-0000-1111-2222-333344445555
                esx02.example.net,DC1,prod,VMware ESXi 7.0.3 build-21930508,D1E2F3A4-0000-1111-2222-333344445555
                """);
        Files.writeString(dir.resolve("RVTools_tabvNetwork.csv"), """
                VM,NIC label,Adapter,Network,Switch,Connected,Mac Address,IPv4 Address
                web01,Network adapter 1,Vmxnet3,dmz-pg,dvs-prod,True,00:50:56:AA:00:01,"10.0.0.5, 10.0.0.6"
                """);
        Files.writeString(dir.resolve("RVTools_tabvPort.csv"), """
                Host,Port Group,Switch,VLAN,Promiscuous Mode,Mac Changes,Forged Transmits
                esx01.example.net,VM Network,vSwitch0,4095,False,True,True
                """);
        Files.writeString(dir.resolve("RVTools_tabdvPort.csv"), """
                Port,Switch,VLAN,Allow Promiscuous,Mac Changes,Forged Transmits
                dmz-pg,dvs-prod,120,True,False,True
                """);
        Files.writeString(dir.resolve("RVTools_tabvTools.csv"), """
                VM,Powerstate,Tools,Tools Version
                web01,poweredOn,toolsOld,11333
                """);
        Files.writeString(dir.resolve("RVTools_tabvSnapshot.csv"), """
                VM,Name,Description,Date / time
                web01,before-patch,pre change 42,2024/03/01 10:00:00
                """);
        Files.writeString(dir.resolve("RVTools_tabvUSB.csv"), """
                VM,Device Type,Connected,Path
                web01,USB 3.1 flash drive,True,1/7/3
                """);
        Files.writeString(dir.resolve("RVTools_tabvSC_VMK.csv"), """
                Host,Port Group,Device,IP Address,Subnet mask
                esx01.example.net,Management Network,vmk0,10.1.0.11,255.255.255.0
                """);
        return dir;
    }
}
