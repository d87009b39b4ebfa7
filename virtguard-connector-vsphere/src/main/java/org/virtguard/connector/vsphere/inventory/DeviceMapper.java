package org.virtguard.connector.vsphere.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.Collected;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.DiskMode;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualDisk;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.w3c.dom.Element;

/** Maps the entries of {@code config.hardware.device} by their {@code xsi:type}. */
final class DeviceMapper {

    private static final Set<String> ETHERNET = Set.of("VirtualE1000", "VirtualE1000e", "VirtualVmxnet",
            "VirtualVmxnet2", "VirtualVmxnet3", "VirtualVmxnet3Vrdma", "VirtualPCNet32", "VirtualSriovEthernetCard");
    private static final Set<String> SOUND = Set.of("VirtualEnsoniq1371", "VirtualHdAudioCard", "VirtualSoundBlaster16");

    private final String vmId;
    private final VirtualMachine.Builder vm;

    DeviceMapper(String vmId, VirtualMachine.Builder vm) {
        this.vmId = vmId;
        this.vm = vm;
    }

    /**
     * Adds the device to the VM; returns it as a NIC when it is one.
     *
     * @param ipsByMac guest IPs by MAC, or {@code null} when the guest's network info could not be read
     */
    VirtualNic map(Element device, int nicIndex, ManagedObjectRef host, NetworkLookup networks,
                   Map<String, List<String>> ipsByMac) {
        String type = Xml.type(device);
        if (type == null) {
            return null;
        }
        if (ETHERNET.contains(type) || Xml.child(device, "macAddress") != null) {
            return nic(device, type, nicIndex, host, networks, ipsByMac);
        }
        switch (type) {
            case "VirtualDisk" -> vm.addDisk(disk(device));
            case "VirtualCdrom" -> {
                vm.addDisk(new VirtualDisk("cdrom", null, label(device), backingKind(device), backingPath(device),
                        datastore(backingPath(device)), null, true, false, DiskMode.UNKNOWN));
                vm.addDevice(other(DeviceKind.CDROM, device, type));
            }
            case "VirtualFloppy" -> vm.addDevice(other(DeviceKind.FLOPPY, device, type));
            case "VirtualSerialPort" -> vm.addDevice(other(DeviceKind.SERIAL, device, type));
            case "VirtualParallelPort" -> vm.addDevice(other(DeviceKind.PARALLEL, device, type));
            case "VirtualUSBController", "VirtualUSBXHCIController" ->
                    vm.addDevice(other(DeviceKind.USB_CONTROLLER, device, type));
            case "VirtualUSB" -> vm.addDevice(other(DeviceKind.USB_DEVICE, device, type));
            case "VirtualPCIPassthrough" -> vm.addDevice(other(DeviceKind.HOSTDEV_PCI, device, type));
            case "VirtualTPM" -> vm.addDevice(other(DeviceKind.TPM, device, type));
            case "VirtualMachineVideoCard" -> vm.addDevice(other(DeviceKind.VIDEO, device, type));
            default -> {
                if (SOUND.contains(type)) {
                    vm.addDevice(other(DeviceKind.SOUND, device, type));
                }
            }
        }
        return null;
    }

    private VirtualNic nic(Element device, String type, int index, ManagedObjectRef host, NetworkLookup networks,
                           Map<String, List<String>> ipsByMac) {
        String mac = Xml.text(device, "macAddress");
        mac = mac == null || mac.isEmpty() ? null : mac.toLowerCase(Locale.ROOT);
        Element backing = Xml.child(device, "backing");
        String backingType = Xml.type(backing);
        NicAttachment attachment;
        String network;
        String vswitch;
        String portKey = null;
        if ("VirtualEthernetCardDistributedVirtualPortBackingInfo".equals(backingType)) {
            attachment = NicAttachment.DISTRIBUTED_PORT_GROUP;
            String pgKey = Xml.text(backing, "port.portgroupKey");
            network = networks.dvPortgroupName(pgKey);
            if (network == null) {
                network = pgKey;
            }
            vswitch = networks.dvsName(pgKey, Xml.text(backing, "port.switchUuid"));
            portKey = Xml.text(backing, "port.portKey");
        } else if ("VirtualEthernetCardOpaqueNetworkBackingInfo".equals(backingType)) {
            attachment = NicAttachment.OPAQUE_NETWORK;
            network = Xml.text(backing, "opaqueNetworkId");
            vswitch = null;
        } else if ("VirtualEthernetCardNetworkBackingInfo".equals(backingType)) {
            attachment = NicAttachment.STANDARD_PORT_GROUP;
            network = Xml.text(backing, "deviceName");
            vswitch = networks.vswitch(host, network);
        } else {
            attachment = NicAttachment.OTHER;
            network = null;
            vswitch = null;
        }
        Collected<List<String>> ips = ipsByMac == null ? Collected.notCollected("guest network info not reported")
                : Collected.of(List.copyOf(mac == null ? List.of() : ipsByMac.getOrDefault(mac, List.of())));
        String model = type.replaceFirst("^Virtual", "").toLowerCase(Locale.ROOT);
        return new VirtualNic(VirtualNic.idFor(vmId, mac, index), vmId, mac, attachment, network, vswitch, null, portKey,
                Collected.notCollected("a vSphere NIC carries no VLAN of its own; see its port group"), model, null, null,
                ips, connected(device));
    }

    private static VirtualDisk disk(Element device) {
        String path = backingPath(device);
        String mode = Xml.text(device, "backing.diskMode");
        return new VirtualDisk("disk", null, label(device), backingKind(device), path, datastore(path),
                "vmdk", false, "sharingMultiWriter".equals(Xml.text(device, "backing.sharing")), diskMode(mode));
    }

    private static DiskMode diskMode(String mode) {
        if (mode == null) {
            return DiskMode.UNKNOWN;
        }
        return switch (mode) {
            case "persistent" -> DiskMode.PERSISTENT;
            case "nonpersistent" -> DiskMode.NON_PERSISTENT;
            case "independent_persistent" -> DiskMode.INDEPENDENT_PERSISTENT;
            case "independent_nonpersistent" -> DiskMode.INDEPENDENT_NON_PERSISTENT;
            default -> DiskMode.UNKNOWN;
        };
    }

    private static VirtualDevice other(DeviceKind kind, Element device, String type) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Element connectable = Xml.child(device, "connectable");
        putIfPresent(attrs, "startConnected", Xml.text(connectable, "startConnected"));
        putIfPresent(attrs, "allowGuestControl", Xml.text(connectable, "allowGuestControl"));
        Element backing = Xml.child(device, "backing");
        putIfPresent(attrs, "backing", Xml.type(backing));
        putIfPresent(attrs, "path", backingPath(device));
        putIfPresent(attrs, "serviceURI", Xml.text(backing, "serviceURI"));
        putIfPresent(attrs, "direction", Xml.text(backing, "direction"));
        putIfPresent(attrs, "autoConnectDevices", Xml.text(device, "autoConnectDevices"));
        return new VirtualDevice(kind, type, label(device), attrs, connected(device));
    }

    private static boolean connected(Element device) {
        Element connectable = Xml.child(device, "connectable");
        if (connectable == null) {
            return true;
        }
        return Boolean.TRUE.equals(Xml.bool(connectable, "connected"));
    }

    private static String label(Element device) {
        return Xml.text(device, "deviceInfo.label");
    }

    private static String backingPath(Element device) {
        Element backing = Xml.child(device, "backing");
        String file = Xml.text(backing, "fileName");
        return file != null && !file.isEmpty() ? file : emptyToNull(Xml.text(backing, "deviceName"));
    }

    private static String backingKind(Element device) {
        String t = Xml.type(Xml.child(device, "backing"));
        if (t == null) {
            return null;
        }
        if (t.contains("Iso") || t.contains("FlatVer") || t.contains("SparseVer") || t.contains("ImageBacking")) {
            return "file";
        }
        if (t.contains("RawDisk") || t.contains("AtapiBacking") || t.contains("DeviceBacking")) {
            return "block";
        }
        if (t.contains("Remote")) {
            return "network";
        }
        return t;
    }

    static String datastore(String path) {
        if (path != null && path.startsWith("[")) {
            int end = path.indexOf(']');
            if (end > 1) {
                return path.substring(1, end);
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
