package org.virtguard.export;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.Snapshot;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import org.virtguard.store.Store;
import org.virtguard.store.findings.StoredFinding;

/**
 * The RVTools-style inventory export of every platform (vSphere, KVM/libvirt, Proxmox) from the store: tabs
 * {@code vInfo} (one row per VM), {@code vNetwork} (per vNIC), {@code vSwitch} (per network or port group with its
 * layer-2 security policy), {@code vSnapshot}, {@code vHost}, {@code vZone}, {@code vFinding} (open findings, by
 * VM) and {@code vMetaData}. Values that were not collected read {@code unknown (reason)}, never as a pass.
 * Shared by {@code virtguard inventory export} and the console's download.
 */
public final class InventoryExport {

    /** The tab names, in workbook order. */
    public static final List<String> TABS = List.of("vInfo", "vNetwork", "vSwitch", "vSnapshot", "vHost", "vZone",
            "vFinding", "vMetaData");
    static final String NO_ZONE = "(no zone)";

    private final Store store;
    private final ZoneResolver zones;
    private final Clock clock;

    /**
     * @param store the store to read (inventory and findings)
     * @param zones zone resolution, {@link ZoneResolver#none()} without a zone policy
     * @param clock the export's time (the metadata tab and snapshot ages)
     */
    public InventoryExport(Store store, ZoneResolver zones, Clock clock) {
        this.store = store;
        this.zones = zones == null ? ZoneResolver.none() : zones;
        this.clock = clock;
    }

    /**
     * Writes every tab to {@code out} and finishes it.
     *
     * @return the number of data rows (without the header) per tab, in workbook order
     */
    public Map<String, Integer> write(TabWriter out) throws IOException {
        Instant now = clock.instant();
        var inventory = store.inventory();
        List<StoredVm> vms = new ArrayList<>(inventory.vms());
        vms.sort(Comparator.comparing((StoredVm v) -> v.vm().name()).thenComparing(v -> v.vm().id()));
        List<StoredHost> hosts = inventory.hosts();
        List<StoredNetwork> networks = inventory.networks();
        List<StoredFinding> findings = store.findings().open().stream()
                .filter(f -> f.finding().status() != CheckStatus.PASS
                        && f.finding().status() != CheckStatus.NOT_APPLICABLE).toList();
        Map<String, Host> hostById = new HashMap<>();
        hosts.forEach(h -> hostById.putIfAbsent(h.host().id(), h.host()));
        Map<String, Optional<TrustZone>> nicZones = nicZones(vms);
        Map<String, Long> failing = failingPerResource(findings);

        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("vInfo", tab(out, "vInfo", VmRows.HEADERS,
                vms.stream().map(v -> VmRows.info(v, hostById.get(v.vm().hostId()), nicZones,
                        failing.getOrDefault(v.vm().id(), 0L))).toList()));
        rows.put("vNetwork", tab(out, "vNetwork", VmRows.NIC_HEADERS, nicRows(vms, hostById, nicZones)));
        rows.put("vSwitch", tab(out, "vSwitch", NetworkRows.HEADERS, NetworkRows.rows(networks, hostById, vms)));
        rows.put("vSnapshot", tab(out, "vSnapshot", VmRows.SNAPSHOT_HEADERS, snapshotRows(vms, hostById, now)));
        rows.put("vHost", tab(out, "vHost", HostRows.HEADERS, HostRows.rows(hosts, vms)));
        rows.put("vZone", tab(out, "vZone", ZoneRows.HEADERS, ZoneRows.rows(vms, nicZones)));
        rows.put("vFinding", tab(out, "vFinding", FindingRows.HEADERS, FindingRows.rows(findings, vms, hostById)));
        var sources = inventory.sources();
        List<List<?>> meta = List.of(List.of(now, (long) vms.size(), (long) hosts.size(), (long) networks.size(),
                (long) findings.size(), (long) sources.size(), sources.stream().filter(s -> s.stale()).count()));
        rows.put("vMetaData", tab(out, "vMetaData", META_HEADERS, meta));
        out.finish();
        return rows;
    }

    private static int tab(TabWriter out, String name, List<String> headers, List<? extends List<?>> rows)
            throws IOException {
        out.startTab(name, headers);
        for (List<?> row : rows) {
            out.row(row);
        }
        out.endTab();
        return rows.size();
    }

    /** The zone of every vNIC, by vNIC id, resolved once. */
    private Map<String, Optional<TrustZone>> nicZones(List<StoredVm> vms) {
        Map<String, Optional<TrustZone>> byNic = new HashMap<>();
        for (StoredVm stored : vms) {
            VirtualMachine vm = stored.vm();
            for (VirtualNic nic : vm.nics()) {
                byNic.put(nic.id(), zoneOf(vm, nic));
            }
        }
        return byNic;
    }

    /** A vNIC's zone name, {@link #NO_ZONE} when it is in none. */
    static String zoneName(Map<String, Optional<TrustZone>> nicZones, VirtualNic nic) {
        return nicZones.getOrDefault(nic.id(), Optional.empty()).map(TrustZone::name).orElse(NO_ZONE);
    }

    private Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
        try {
            return zones.zoneOf(vm, nic);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Long> failingPerResource(List<StoredFinding> findings) {
        Map<String, Long> counts = new HashMap<>();
        for (StoredFinding f : findings) {
            Finding finding = f.finding();
            if (finding.status() == CheckStatus.FAIL && finding.resource() != null) {
                String vmId = FindingRows.vmIdOf(finding);
                counts.merge(vmId != null ? vmId : finding.resource().id(), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static List<List<?>> nicRows(List<StoredVm> vms, Map<String, Host> hosts,
                                         Map<String, Optional<TrustZone>> nicZones) {
        List<List<?>> rows = new ArrayList<>();
        for (StoredVm vm : vms) {
            for (VirtualNic nic : vm.vm().nics()) {
                rows.add(VmRows.nic(vm, hosts.get(vm.vm().hostId()), nic, zoneName(nicZones, nic)));
            }
        }
        return rows;
    }

    private static List<List<?>> snapshotRows(List<StoredVm> vms, Map<String, Host> hosts, Instant now) {
        List<List<?>> rows = new ArrayList<>();
        for (StoredVm vm : vms) {
            for (Snapshot s : vm.vm().snapshots()) {
                rows.add(VmRows.snapshot(vm, hosts.get(vm.vm().hostId()), s, now));
            }
        }
        return rows;
    }

    static final List<String> META_HEADERS = List.of("Exported at (UTC)", "VMs", "Hosts", "Networks",
            "Open findings", "Sources", "Stale sources");

    /** The age of something created at {@code at}, in whole days, or {@code null} when unknown. */
    static Long ageDays(Instant at, Instant now) {
        return at == null ? null : Math.max(0, Duration.between(at, now).toDays());
    }
}
