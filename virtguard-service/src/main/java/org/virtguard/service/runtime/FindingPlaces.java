package org.virtguard.service.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.virtguard.model.Finding;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.findings.FindingPlacement;

/**
 * Where the findings of one evaluation sit: the check's area (the folder it was loaded from, e.g. {@code zones}),
 * and for VM and vNIC findings the VM's host and the zones of its vNICs (of that vNIC only for vNIC findings).
 */
final class FindingPlaces {

    private record NicOf(VirtualMachine vm, VirtualNic nic) {
    }

    /** The area of vulnerability and end-of-life findings from the exposure scanner. */
    static final String EXPOSURE_AREA = "exposure";
    private static final String EXPOSURE_PREFIX = "exposure.";

    private final Map<String, String> areas = new HashMap<>();
    private final Map<String, VirtualMachine> vms = new HashMap<>();
    private final Map<String, NicOf> nics = new HashMap<>();
    private final ZoneResolver zones;

    FindingPlaces(CheckCatalog catalog, ZoneResolver zones, List<VirtualMachine> inventory) {
        this.zones = zones;
        for (CompiledCheck check : catalog.checks()) {
            areas.put(check.id(), area(check.definition().origin()));
        }
        for (VirtualMachine vm : inventory) {
            vms.put(vm.id(), vm);
            for (VirtualNic nic : vm.nics()) {
                nics.put(nic.id(), new NicOf(vm, nic));
            }
        }
    }

    /** The folder name of a check's origin ({@code classpath:checks/zones/x.yaml} is in {@code zones}). */
    static String area(String origin) {
        if (origin == null) {
            return FindingPlacement.OTHER_AREA;
        }
        String path = origin.startsWith("classpath:") ? origin.substring("classpath:".length()) : origin;
        path = path.replace('\\', '/');
        int file = path.lastIndexOf('/');
        if (file <= 0) {
            return FindingPlacement.OTHER_AREA;
        }
        String dir = path.substring(0, file);
        return dir.substring(dir.lastIndexOf('/') + 1);
    }

    FindingPlacement of(Finding f) {
        String area = f.checkId().startsWith(EXPOSURE_PREFIX) ? EXPOSURE_AREA
                : areas.getOrDefault(f.checkId(), FindingPlacement.OTHER_AREA);
        String id = f.resource().id();
        return switch (f.resource().type()) {
            case HOST -> new FindingPlacement(area, id, Set.of());
            case VM -> Optional.ofNullable(vms.get(id))
                    .map(vm -> new FindingPlacement(area, vm.hostId(), zonesOf(vm, vm.nics())))
                    .orElse(new FindingPlacement(area, null, Set.of()));
            case NIC -> Optional.ofNullable(nics.get(id))
                    .map(n -> new FindingPlacement(area, n.vm().hostId(), zonesOf(n.vm(), List.of(n.nic()))))
                    .orElse(new FindingPlacement(area, null, Set.of()));
            default -> new FindingPlacement(area, null, Set.of());
        };
    }

    private Set<String> zonesOf(VirtualMachine vm, List<VirtualNic> of) {
        Set<String> names = new TreeSet<>();
        for (VirtualNic nic : of) {
            zones.zoneOf(vm, nic).map(TrustZone::name).ifPresent(names::add);
        }
        return names;
    }
}
