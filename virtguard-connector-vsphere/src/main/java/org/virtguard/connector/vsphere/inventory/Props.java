package org.virtguard.connector.vsphere.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.connector.vsphere.soap.PropertyRequest;

/** The properties VirtGuard reads, per managed object type. */
final class Props {

    static final List<String> HOST = List.of("name", "parent", "summary.config.product", "summary.hardware",
            "runtime.connectionState", "runtime.inMaintenanceMode", "config.lockdownMode", "config.adminDisabled",
            "config.service", "config.firewall", "config.dateTimeInfo", "config.network.vswitch",
            "config.network.portgroup", "config.network.vnic", "config.virtualNicManagerInfo.netConfig",
            "configManager.advancedOption");

    static final List<String> HOST_NETWORK = List.of("name", "parent", "config.network.vswitch",
            "config.network.portgroup");

    static final List<String> VM = List.of("name", "config.instanceUuid", "config.template", "config.guestFullName",
            "config.version", "config.hardware.numCPU", "config.hardware.memoryMB", "config.hardware.device",
            "config.extraConfig", "config.annotation", "config.migrateEncryption",
            "config.keyId", "runtime.host", "runtime.powerState", "runtime.bootTime", "guest.toolsStatus",
            "guest.toolsRunningStatus", "guest.toolsVersion", "guest.net", "guest.guestFullName", "snapshot",
            "customValue", "config.modified");

    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(\\..*)?");

    /** VM properties that exist only from vSphere API 6.7 on: asking an older server for them fails the call. */
    static final List<String> VM_SINCE_6_7 = List.of("config.createDate");

    static final List<String> DV_PORTGROUP = List.of("name", "key", "config.distributedVirtualSwitch",
            "config.defaultPortConfig", "tag");

    static final List<String> DVS = List.of("name", "uuid", "config.ipfixConfig", "config.vspanSession");

    static final List<String> DVS_BASE = List.of("name", "uuid");

    static final List<String> CLUSTER = List.of("name", "parent", "configurationEx");

    static final List<String> NAMED = List.of("name", "parent");

    static final PropertyRequest CUSTOM_FIELDS = new PropertyRequest("CustomFieldsManager", List.of("field"));

    static final PropertyRequest OPTION_SETTINGS = new PropertyRequest("OptionManager", List.of("setting"));

    static final List<String> VIEW_TYPES = List.of("Folder", "Datacenter", "ComputeResource", "HostSystem",
            "VirtualMachine", "DistributedVirtualSwitch", "DistributedVirtualPortgroup");

    /** The VM properties to read from a server with this API version (e.g. {@code 8.0.3.0}). */
    static List<String> vm(String apiVersion) {
        if (!atLeast(apiVersion, 6, 7)) {
            return VM;
        }
        List<String> all = new ArrayList<>(VM);
        all.addAll(VM_SINCE_6_7);
        return List.copyOf(all);
    }

    /** Whether {@code apiVersion} is at least {@code major.minor}; an unreadable version counts as older. */
    static boolean atLeast(String apiVersion, int major, int minor) {
        if (apiVersion == null) {
            return false;
        }
        Matcher m = VERSION.matcher(apiVersion);
        if (!m.matches()) {
            return false;
        }
        int ma = Integer.parseInt(m.group(1));
        int mi = Integer.parseInt(m.group(2));
        return ma > major || (ma == major && mi >= minor);
    }

    static List<PropertyRequest> fullCollection(String apiVersion) {
        return List.of(new PropertyRequest("Folder", List.of("parent")),
                new PropertyRequest("Datacenter", NAMED),
                new PropertyRequest("ComputeResource", NAMED),
                new PropertyRequest("ClusterComputeResource", CLUSTER),
                new PropertyRequest("HostSystem", HOST),
                new PropertyRequest("VirtualMachine", vm(apiVersion)),
                new PropertyRequest("DistributedVirtualSwitch", DVS_BASE),
                new PropertyRequest("VmwareDistributedVirtualSwitch", DVS),
                new PropertyRequest("DistributedVirtualPortgroup", DV_PORTGROUP));
    }

    /** The switch properties to read for a switch of the given type. */
    static PropertyRequest dvsRequest(String type) {
        return new PropertyRequest(type, "VmwareDistributedVirtualSwitch".equals(type) ? DVS : DVS_BASE);
    }

    private Props() {
    }
}
