package org.virtguard.connector.vsphere.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.model.Cluster;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectLimits;
import org.virtguard.model.Network;
import org.virtguard.model.Site;
import org.virtguard.model.VirtualMachine;

/**
 * Reads a whole vCenter or ESXi host through one container view and maps it into an {@link InventorySnapshot};
 * re-reads single VMs for the live feed.
 */
public final class InventoryReader {

    /** The most objects accepted from one server; more is treated as hostile. */
    public static final int MAX_OBJECTS = 500_000;

    private final Vim25Client client;
    private final String sourceId;
    private final VsphereIds ids;
    private final Clock clock;

    public InventoryReader(Vim25Client client, String sourceId, Clock clock) {
        this.client = client;
        this.sourceId = sourceId;
        String vc = client.content().instanceUuid();
        this.ids = new VsphereIds(vc != null && !vc.isEmpty() ? vc.toLowerCase(java.util.Locale.ROOT) : sourceId);
        this.clock = clock;
    }

    /** The id scheme of this source. */
    public VsphereIds ids() {
        return ids;
    }

    /** Reads everything. */
    public InventorySnapshot collect(List<CollectionWarning> extraWarnings) throws SoapFaultException, TransportException {
        Map<String, List<ObjectContent>> byType = new HashMap<>();
        ManagedObjectRef view = client.createContainerView(Props.VIEW_TYPES);
        try {
            int[] count = {0};
            TransportException[] tooMany = {null};
            client.retrieveFromView(view, Props.fullCollection(client.content().apiVersion()), oc -> {
                if (++count[0] > MAX_OBJECTS) {
                    tooMany[0] = new TransportException(ErrorCode.INPUT_TOO_LARGE, "the server reported more than "
                            + MAX_OBJECTS + " objects", null);
                    return;
                }
                byType.computeIfAbsent(oc.obj().type(), t -> new ArrayList<>()).add(oc);
            });
            if (tooMany[0] != null) {
                throw tooMany[0];
            }
        } finally {
            client.destroyView(view);
        }
        List<CollectionWarning> warnings = new ArrayList<>(extraWarnings);
        Hierarchy hierarchy = new Hierarchy(byType);
        NetworkLookup lookup = new NetworkLookup();
        List<ObjectContent> hosts = byType.getOrDefault("HostSystem", List.of());
        List<ObjectContent> dvSwitches = new ArrayList<>();
        byType.forEach((type, list) -> {
            if (type.endsWith("DistributedVirtualSwitch")) {
                dvSwitches.addAll(list);
            }
        });
        dvSwitches.forEach(lookup::addDvs);
        byType.getOrDefault("DistributedVirtualPortgroup", List.of()).forEach(lookup::addDvPortgroup);
        hosts.forEach(lookup::addHost);

        List<Site> sites = new ArrayList<>();
        for (ObjectContent dc : byType.getOrDefault("Datacenter", List.of())) {
            sites.add(new Site(ids.of(dc.obj()), dc.text("name") != null ? dc.text("name") : dc.obj().value()));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (ObjectContent c : byType.getOrDefault("ClusterComputeResource", List.of())) {
            clusters.add(ClusterMapper.map(c, ids.of(c.obj()), ids.of(hierarchy.datacenterOf(c.obj()))));
        }

        AdvancedOptions advanced = AdvancedOptions.read(client, hosts);
        HostMapper hostMapper = new HostMapper(sourceId, ids, client.content());
        NetworkMapper networkMapper = new NetworkMapper(ids);
        List<Host> hostList = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        Map<String, String> clusterOfHost = new HashMap<>();
        for (ObjectContent h : hosts) {
            ManagedObjectRef cluster = hierarchy.clusterOf(h);
            clusterOfHost.put(h.obj().value(), ids.of(cluster));
            hostList.add(hostMapper.map(h, ids.of(cluster), ids.of(hierarchy.datacenterOf(h.obj())),
                    advanced.of(h), advanced.reasonFor(h)));
            if (advanced.of(h) == null) {
                warnings.add(new CollectionWarning("host " + h.text("name"), ErrorCode.PERMISSION_DENIED,
                        "advanced settings of host " + h.text("name") + " not collected: " + advanced.reasonFor(h)));
            }
            networks.addAll(networkMapper.standardPortGroups(h));
        }
        Map<String, ObjectContent> dvsByRef = new HashMap<>();
        dvSwitches.forEach(d -> dvsByRef.put(d.obj().value(), d));
        for (ObjectContent pg : byType.getOrDefault("DistributedVirtualPortgroup", List.of())) {
            ManagedObjectRef dvs = Xml.ref(pg.get("config.distributedVirtualSwitch"));
            networks.add(networkMapper.distributedPortGroup(pg, dvs == null ? null : dvsByRef.get(dvs.value())));
        }

        VmMapper vmMapper = new VmMapper(ids, customFieldNames(warnings));
        Map<String, VirtualMachine> vms = new LinkedHashMap<>();
        for (ObjectContent vm : byType.getOrDefault("VirtualMachine", List.of())) {
            String id = VmMapper.idOf(vm);
            ManagedObjectRef host = Xml.ref(vm.get("runtime.host"));
            if (id == null || host == null || !clusterOfHost.containsKey(host.value())) {
                warnings.add(new CollectionWarning("vm " + vm.text("name"), ErrorCode.INVALID_INPUT, "VM " + vm.text("name")
                        + " (" + vm.obj().value() + ") skipped: " + (id == null ? "no instance UUID" : "no known host")));
                continue;
            }
            if (vms.containsKey(id)) {
                warnings.add(new CollectionWarning("vm " + vm.text("name"), ErrorCode.INVALID_INPUT, "VM " + vm.text("name")
                        + " (" + vm.obj().value() + ") skipped: duplicate instance UUID " + id));
                continue;
            }
            vms.put(id, vmMapper.map(vm, clusterOfHost.get(host.value()), lookup));
        }
        return ObjectLimits.apply(new InventorySnapshot(sourceId, clock.instant(), sites, clusters, hostList,
                List.copyOf(vms.values()), networks, List.of(), warnings));
    }

    private Map<String, String> customFieldNames(List<CollectionWarning> warnings) throws TransportException {
        ManagedObjectRef manager = client.content().customFieldsManager();
        Map<String, String> names = new HashMap<>();
        if (manager == null) {
            return names;
        }
        try {
            for (ObjectContent oc : client.retrieveObjects(List.of(manager), Props.CUSTOM_FIELDS)) {
                for (var def : Xml.children(oc.get("field"))) {
                    String type = Xml.text(def, "managedObjectType");
                    if (type == null || type.isEmpty() || "VirtualMachine".equals(type)) {
                        names.put(Xml.text(def, "key"), Xml.text(def, "name"));
                    }
                }
            }
        } catch (SoapFaultException e) {
            warnings.add(new CollectionWarning("custom attributes", ErrorCode.PERMISSION_DENIED,
                    "custom attribute names not collected: " + e.getMessage()));
        }
        return names;
    }

    /** Re-reads one VM by its instance UUID. */
    public Optional<VirtualMachine> collectVm(String vmId) throws SoapFaultException, TransportException {
        if (vmId == null || !vmId.matches("[0-9a-fA-F-]{32,36}")) {
            return Optional.empty();
        }
        ManagedObjectRef ref = client.findVmByInstanceUuid(vmId);
        return ref == null ? Optional.empty() : collectVm(ref);
    }

    /** Re-reads one VM by its managed object reference. */
    public Optional<VirtualMachine> collectVm(ManagedObjectRef ref) throws SoapFaultException, TransportException {
        List<ObjectContent> found;
        try {
            found = client.retrieveObjects(List.of(ref), new PropertyRequest("VirtualMachine",
                    Props.vm(client.content().apiVersion())));
        } catch (SoapFaultException e) {
            if (e.is("ManagedObjectNotFound")) {
                return Optional.empty();
            }
            throw e;
        }
        if (found.isEmpty() || VmMapper.idOf(found.get(0)) == null) {
            return Optional.empty();
        }
        ObjectContent vm = found.get(0);
        NetworkLookup lookup = new NetworkLookup();
        ManagedObjectRef host = Xml.ref(vm.get("runtime.host"));
        String clusterId = null;
        if (host != null) {
            List<ObjectContent> h = client.retrieveObjects(List.of(host), new PropertyRequest("HostSystem", Props.HOST_NETWORK));
            h.forEach(lookup::addHost);
            ManagedObjectRef parent = h.isEmpty() ? null : Xml.ref(h.get(0).get("parent"));
            if (parent != null && "ClusterComputeResource".equals(parent.type())) {
                clusterId = ids.of(parent);
            }
        }
        List<ManagedObjectRef> portgroups = new ArrayList<>();
        for (var device : Xml.children(vm.get("config.hardware.device"))) {
            String key = Xml.text(device, "backing.port.portgroupKey");
            if (key != null && !key.isEmpty()) {
                portgroups.add(new ManagedObjectRef("DistributedVirtualPortgroup", key));
            }
        }
        if (!portgroups.isEmpty()) {
            List<ObjectContent> pgs = client.retrieveObjects(portgroups.stream().distinct().toList(),
                    new PropertyRequest("DistributedVirtualPortgroup", Props.DV_PORTGROUP));
            pgs.forEach(lookup::addDvPortgroup);
            List<ManagedObjectRef> switches = pgs.stream().map(p -> Xml.ref(p.get("config.distributedVirtualSwitch")))
                    .filter(java.util.Objects::nonNull).distinct().toList();
            if (!switches.isEmpty()) {
                for (ManagedObjectRef sw : switches) {
                    client.retrieveObjects(List.of(sw), Props.dvsRequest(sw.type())).forEach(lookup::addDvs);
                }
            }
        }
        return Optional.of(new VmMapper(ids, customFieldNames(new ArrayList<>())).map(vm, clusterId, lookup));
    }
}
