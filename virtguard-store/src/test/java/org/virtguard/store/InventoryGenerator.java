package org.virtguard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;

/**
 * Generates a synthetic, reproducible inventory: {@code hosts} hosts, each with a few networks, and
 * {@code vms} VMs spread over them with 1–3 vNICs each. The same seed gives the same snapshot.
 */
final class InventoryGenerator {

    static final List<String> NETWORK_NAMES = List.of("default", "prod", "dmz", "backup");

    private final long seed;

    InventoryGenerator(long seed) {
        this.seed = seed;
    }

    InventorySnapshot snapshot(String sourceId, int hosts, int vms, Instant at) {
        Random random = new Random(seed);
        List<Host> hostList = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            String hostId = sourceId + "/host-" + h;
            hostList.add(Fixtures.host(sourceId, hostId, String.format(Locale.ROOT, "kvm%03d", h)));
            NETWORK_NAMES.forEach(name -> networks.add(Fixtures.network(hostId, name)));
        }
        List<VirtualMachine> vmList = new ArrayList<>();
        for (int v = 0; v < vms; v++) {
            String vmId = String.format(Locale.ROOT, "%s/vm-%06d", sourceId, v);
            String hostId = hostList.get(random.nextInt(hosts)).id();
            int nicCount = 1 + random.nextInt(3);
            List<VirtualNic> nics = new ArrayList<>();
            for (int n = 0; n < nicCount; n++) {
                String mac = String.format(Locale.ROOT, "52:54:%02x:%02x:%02x:%02x", n, (v >> 16) & 0xff,
                        (v >> 8) & 0xff, v & 0xff);
                nics.add(Fixtures.nic(vmId, mac, NETWORK_NAMES.get(random.nextInt(NETWORK_NAMES.size()))));
            }
            VirtualMachine vm = Fixtures.vm(vmId, String.format(Locale.ROOT, "vm%06d", v), hostId,
                    nics.toArray(VirtualNic[]::new));
            if (random.nextInt(4) == 0) {
                vm = vm.toBuilder().powerState(PowerState.OFF).build();
            }
            vmList.add(vm);
        }
        return Fixtures.snapshot(sourceId, at, hostList, networks, vmList);
    }
}
