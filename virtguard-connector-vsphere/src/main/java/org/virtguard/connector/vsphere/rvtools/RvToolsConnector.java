package org.virtguard.connector.vsphere.rvtools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.virtguard.model.Collected;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectLimits;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.Setting;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.model.VlanMode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;

/**
 * Imports an RVTools export: the {@code .xlsx} workbook ({@code rvtools:///abs/RVTools.xlsx}) or its per-tab CSV
 * files ({@code RVTools_tabvInfo.csv}, {@code vHost.csv}, ...) in a directory ({@code rvtools:///abs/dir}). Reads vInfo, vHost, vNetwork, vPort and dvPort. Ids follow the live
 * connector where the export carries the same facts (the {@code VI SDK UUID} as vCenter scope, the VM UUID as VM id);
 * hosts are identified by name because RVTools does not export their managed object ids.
 */
public final class RvToolsConnector implements InventoryConnector {

    private final SourceSpec source;
    private final Path dir;
    private final Clock clock;
    private boolean closed;

    public RvToolsConnector(SourceSpec source, Path dir, Clock clock) {
        this.source = source;
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public SourceSpec source() {
        return source;
    }

    @Override
    public synchronized InventorySnapshot collect() throws ConnectorException {
        if (closed) {
            throw new ConnectorException(ErrorCode.INVALID_SOURCE, source.id(), "RVTools source " + source.id() + " is closed");
        }
        if (!Files.isDirectory(dir) && !Files.isRegularFile(dir)) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(), "RVTools source " + source.id()
                    + ": " + dir + " does not exist");
        }
        workbook = null;
        List<CollectionWarning> warnings = new ArrayList<>();
        List<Map<String, String>> vInfo = tab("vInfo", warnings);
        List<Map<String, String>> vHost = tab("vHost", warnings);
        if (vInfo.isEmpty() && vHost.isEmpty()) {
            throw new ConnectorException(ErrorCode.INVALID_INPUT, source.id(), "RVTools source " + source.id()
                    + ": no vInfo or vHost tab (CSV) in " + dir);
        }
        String scope = scope(vInfo, vHost);
        Map<String, Map<String, Setting>> hostSettings = vmkSettings(tab("vSC_VMK", warnings));
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (Map<String, String> r : vHost) {
            String name = r.get("host");
            if (blank(name) || hosts.containsKey(name)) {
                continue;
            }
            hosts.put(name, host(scope, name, r, hostSettings.getOrDefault(name, Map.of())));
        }
        for (Map<String, String> r : vInfo) {
            String name = r.get("host");
            if (!blank(name) && !hosts.containsKey(name)) {
                hosts.put(name, host(scope, name, Map.of(), hostSettings.getOrDefault(name, Map.of())));
            }
        }
        Map<String, List<Map<String, String>>> nicsByVm = new HashMap<>();
        for (Map<String, String> r : tab("vNetwork", warnings)) {
            nicsByVm.computeIfAbsent(r.getOrDefault("vm", ""), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Map<String, String>>> toolsByVm = byVm(tab("vTools", warnings));
        Map<String, List<Map<String, String>>> snapshotsByVm = byVm(tab("vSnapshot", warnings));
        Map<String, List<Map<String, String>>> usbByVm = byVm(tab("vUSB", warnings));
        Map<String, VirtualMachine> vms = new LinkedHashMap<>();
        for (Map<String, String> r : vInfo) {
            String name = r.get("vm");
            String uuid = first(r, "vmuuid", "uuid", "biosuuid");
            Host host = hosts.get(r.getOrDefault("host", ""));
            if (blank(name) || blank(uuid) || host == null) {
                warnings.add(new CollectionWarning("vm " + name, ErrorCode.INVALID_INPUT, "vInfo row for VM " + name
                        + " skipped: " + (blank(uuid) ? "no VM UUID" : "no host")));
                continue;
            }
            String id = uuid.toLowerCase(Locale.ROOT);
            if (!vms.containsKey(id)) {
                VirtualMachine.Builder b = vm(id, name, host, r, nicsByVm.getOrDefault(name, List.of())).toBuilder();
                VmExtras.apply(b, toolsByVm.get(name), snapshotsByVm.getOrDefault(name, List.of()),
                        usbByVm.getOrDefault(name, List.of()));
                vms.put(id, b.build());
            }
        }
        List<Network> networks = new ArrayList<>();
        Map<String, String> hostIdByName = new HashMap<>();
        hosts.forEach((n, h) -> hostIdByName.put(n, h.id()));
        for (Map<String, String> r : tab("vPort", warnings)) {
            String hostId = hostIdByName.get(r.getOrDefault("host", ""));
            String pg = first(r, "portgroup", "name");
            if (hostId != null && !blank(pg)) {
                networks.add(new Network(hostId + "/pg/" + pg, hostId, pg, NetworkKind.STANDARD_PORT_GROUP,
                        r.get("switch"), null, null, vlan(r.get("vlan")), List.of(),
                        policy(r, "promiscuousmode", "macchanges", "forgedtransmits"), true, Map.of()));
            }
        }
        for (Map<String, String> r : tab("dvPort", warnings)) {
            String pg = first(r, "port", "portgroup", "name");
            if (!blank(pg)) {
                String key = first(r, "objectid", "key");
                networks.add(new Network("vsphere:" + scope + ":" + (blank(key) ? r.getOrDefault("switch", "") + "/" + pg : key),
                        null, pg, NetworkKind.DISTRIBUTED_PORT_GROUP, r.get("switch"), null, null, vlan(r.get("vlan")),
                        List.of(), policy(r, "allowpromiscuous", "macchanges", "forgedtransmits"), true, Map.of()));
            }
        }
        Map<String, Network> unique = new LinkedHashMap<>();
        networks.forEach(n -> unique.putIfAbsent(n.id(), n));
        return ObjectLimits.apply(new InventorySnapshot(source.id(), clock.instant(), List.of(), List.of(),
                List.copyOf(hosts.values()), List.copyOf(vms.values()), List.copyOf(unique.values()), List.of(),
                warnings));
    }

    private static Map<String, List<Map<String, String>>> byVm(List<Map<String, String>> rows) {
        Map<String, List<Map<String, String>>> out = new HashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.getOrDefault("vm", ""), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static Map<String, Map<String, Setting>> vmkSettings(List<Map<String, String>> rows) {
        Map<String, Map<String, Setting>> out = new HashMap<>();
        Map<String, List<String>> devices = new HashMap<>();
        for (Map<String, String> r : rows) {
            String host = r.get("host");
            String device = r.get("device");
            if (blank(host) || blank(device) || !device.matches("[A-Za-z0-9_.-]{1,32}")) {
                continue;
            }
            Map<String, Setting> s = out.computeIfAbsent(host, k -> new LinkedHashMap<>());
            devices.computeIfAbsent(host, k -> new ArrayList<>()).add(device);
            String p = "vmk." + device;
            if (!blank(r.get("portgroup"))) {
                s.put(p + ".portgroup", Setting.ofString(p + ".portgroup", r.get("portgroup")));
            }
            String ip = first(r, "ipaddress", "ip4address");
            if (!blank(ip)) {
                String mask = r.get("subnetmask");
                s.put(p + ".ip", Setting.ofString(p + ".ip", blank(mask) ? ip : ip + "/" + prefix(mask)));
            }
            s.put(p + ".services", Setting.notCollected(p + ".services", org.virtguard.model.SettingType.LIST,
                    "VMkernel services are not in the RVTools export"));
        }
        devices.forEach((host, list) -> out.get(host).put("vmk.devices",
                Setting.of("vmk.devices", org.virtguard.model.SettingType.LIST, String.join(",", list))));
        return out;
    }

    private static int prefix(String mask) {
        int bits = 0;
        for (String octet : mask.split("\\.")) {
            bits += Integer.bitCount(intOf(octet) & 0xff);
        }
        return bits;
    }

    private String scope(List<Map<String, String>> vInfo, List<Map<String, String>> vHost) {
        return Stream.concat(vInfo.stream(), vHost.stream()).map(r -> r.get("visdkuuid")).filter(s -> !blank(s))
                .findFirst().map(s -> s.toLowerCase(Locale.ROOT)).orElse(source.id());
    }

    private Host host(String scope, String name, Map<String, String> r, Map<String, Setting> settings) {
        Map<String, String> versions = new LinkedHashMap<>();
        String esx = r.get("esxversion");
        if (!blank(esx)) {
            var m = java.util.regex.Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)(?:.*build-(\\d+))?").matcher(esx);
            if (m.find()) {
                versions.put("esxi", m.group(1));
                if (m.group(2) != null) {
                    versions.put("esxi.build", m.group(2));
                }
            }
        }
        return new Host("vsphere:" + scope + ":" + name, source.id(), name, Platform.VSPHERE, HypervisorKind.ESXI,
                "VMware ESXi", versions.get("esxi"), versions.get("esxi.build"), versions, List.of(), null,
                blank(r.get("cluster")) ? null : "vsphere:" + scope + ":cluster/" + r.get("cluster"), null, null,
                settings);
    }

    private static VirtualMachine vm(String id, String name, Host host, Map<String, String> r,
                                     List<Map<String, String>> nics) {
        VirtualMachine.Builder b = VirtualMachine.builder(id, name).hostId(host.id()).clusterId(host.clusterId())
                .powerState(switch (r.getOrDefault("powerstate", "")) {
                    case "poweredOn" -> PowerState.RUNNING;
                    case "poweredOff" -> PowerState.OFF;
                    case "suspended" -> PowerState.SUSPENDED;
                    default -> PowerState.UNKNOWN;
                })
                .template("true".equalsIgnoreCase(r.get("template")))
                .vcpus(intOf(r.get("cpus")))
                .memoryBytes(intOf(r.get("memory")) * 1024L * 1024L)
                .annotation(blank(r.get("annotation")) ? null : r.get("annotation"));
        String os = first(r, "osaccordingtotheconfigurationfile", "osaccordingtothevmwaretools", "os");
        b.guestOs(blank(os) ? Collected.notCollected("not in the RVTools export") : Collected.of(os));
        String hw = r.get("hwversion");
        if (!blank(hw)) {
            b.setting(Setting.ofString("vm.hardwareVersion", hw.startsWith("vmx-") ? hw : "vmx-" + hw));
        }
        int index = 0;
        for (Map<String, String> n : nics) {
            String mac = blank(n.get("macaddress")) ? null : n.get("macaddress").toLowerCase(Locale.ROOT);
            String ips = first(n, "ipv4address", "ipaddress");
            b.addNic(new VirtualNic(VirtualNic.idFor(id, mac, index++), id, mac, NicAttachment.OTHER, n.get("network"),
                    n.get("switch"), null, null, Collected.notCollected("see the port group"),
                    blank(n.get("adapter")) ? null : n.get("adapter").toLowerCase(Locale.ROOT), null, null,
                    blank(ips) ? Collected.of(List.of()) : Collected.of(List.of(ips.split("[,;]\\s*"))),
                    "true".equalsIgnoreCase(n.get("connected"))));
        }
        return b.build();
    }

    private static L2SecurityPolicy policy(Map<String, String> r, String promiscuous, String macChanges, String forged) {
        return new L2SecurityPolicy(flag(r.get(promiscuous)), flag(r.get(forged)), flag(r.get(macChanges)));
    }

    private static Collected<Boolean> flag(String v) {
        if ("true".equalsIgnoreCase(v) || "accept".equalsIgnoreCase(v)) {
            return Collected.of(true);
        }
        if ("false".equalsIgnoreCase(v) || "reject".equalsIgnoreCase(v)) {
            return Collected.of(false);
        }
        return Collected.notCollected("not in the RVTools export");
    }

    private static Collected<VlanConfig> vlan(String v) {
        if (blank(v)) {
            return Collected.notCollected("not in the RVTools export");
        }
        if (v.matches("\\d{1,4}")) {
            int id = Integer.parseInt(v);
            return Collected.of(id == 4095 ? new VlanConfig(VlanMode.ALL, List.of(), List.of("0-4094"))
                    : id == 0 ? VlanConfig.none() : VlanConfig.access(id));
        }
        List<String> ranges = List.of(v.split("\\s*,\\s*"));
        return Collected.of(ranges.equals(List.of("0-4094")) ? new VlanConfig(VlanMode.ALL, List.of(), ranges)
                : new VlanConfig(VlanMode.TRUNK, List.of(), ranges));
    }

    private Map<String, CsvTable> workbook;

    private List<Map<String, String>> tab(String name, List<CollectionWarning> warnings) throws ConnectorException {
        if (Files.isRegularFile(dir)) {
            return sheet(name, warnings);
        }
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            String wanted = name.toLowerCase(Locale.ROOT) + ".csv";
            file = files.filter(p -> {
                String f = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return f.equals(wanted) || f.endsWith("tab" + wanted) || f.endsWith("_" + wanted);
            }).findFirst().orElse(null);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.SOURCE_UNREACHABLE, source.id(), "RVTools source " + source.id()
                    + ": cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (file == null) {
            warnings.add(missingTab(name));
            return List.of();
        }
        try {
            return rowsOf(CsvTable.read(file), file.getFileName().toString(), name, warnings);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.INPUT_TOO_LARGE, source.id(), "RVTools source " + source.id() + ": "
                    + e.getMessage(), e);
        }
    }

    private List<Map<String, String>> sheet(String name, List<CollectionWarning> warnings) throws ConnectorException {
        if (workbook == null) {
            try {
                workbook = XlsxWorkbook.read(dir);
            } catch (IOException e) {
                throw new ConnectorException(ErrorCode.INVALID_INPUT, source.id(), "RVTools source " + source.id()
                        + ": " + dir.getFileName() + ": " + e.getMessage(), e);
            }
        }
        CsvTable table = workbook.get(name.toLowerCase(Locale.ROOT));
        if (table == null) {
            warnings.add(missingTab(name));
            return List.of();
        }
        return rowsOf(table, dir.getFileName() + "!" + name, name, warnings);
    }

    private CollectionWarning missingTab(String name) {
        return new CollectionWarning("tab " + name, ErrorCode.NOT_FOUND, "RVTools tab " + name + " not found in " + dir
                + "; its facts are not collected");
    }

    private static List<Map<String, String>> rowsOf(CsvTable table, String origin, String name,
                                                    List<CollectionWarning> warnings) {
        if (table.skipped() > 0) {
            warnings.add(new CollectionWarning("tab " + name, ErrorCode.INVALID_INPUT, origin + ": " + table.skipped()
                    + " malformed rows skipped"));
        }
        return table.rows();
    }

    private static String first(Map<String, String> r, String... keys) {
        for (String k : keys) {
            String v = r.get(k);
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }

    private static int intOf(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.replaceAll("[^0-9]", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public synchronized Optional<VirtualMachine> collectVm(String vmId) throws ConnectorException {
        return collect().vms().stream().filter(v -> v.id().equals(vmId)).findFirst();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
