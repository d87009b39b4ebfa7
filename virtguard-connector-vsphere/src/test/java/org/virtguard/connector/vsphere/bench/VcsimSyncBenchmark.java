package org.virtguard.connector.vsphere.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.virtguard.connector.vsphere.VsphereConnectorFactory;
import org.virtguard.connector.vsphere.soap.ObjectContent;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.connector.vsphere.vcsim.TestCredentials;
import org.virtguard.connector.vsphere.vcsim.VcsimDriver;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.VmEvent;

/**
 * Hand-run benchmark: vcsim with 20 hosts (19 in a cluster, 1 standalone) and {@code vmsPerPool} VMs in each of
 * the two resource pools. Prints the full-sync time and the latency from a completed RelocateVM_Task to the moved
 * VM re-read by {@code collectVm} (what the live updater stores).
 *
 * <pre>java -cp ... org.virtguard.connector.vsphere.bench.VcsimSyncBenchmark [vmsPerPool=500] [relocations=10]</pre>
 */
public final class VcsimSyncBenchmark {

    private VcsimSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perPool = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int relocations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (VcsimServer vcsim = VcsimServer.start(19, 1, perPool);
             VcsimDriver driver = new VcsimDriver(vcsim)) {
            SourceSpec spec = new SourceSpec("bench", vcsim.sourceUri(), Map.of("thumbprint", vcsim.sha256Thumbprint()));
            try (InventoryConnector c = new VsphereConnectorFactory().open(spec,
                    new TestCredentials(null, vcsim.password()))) {
                c.collect();
                List<Long> syncs = new ArrayList<>();
                InventorySnapshot s = null;
                for (int i = 0; i < 5; i++) {
                    long t0 = System.nanoTime();
                    s = c.collect();
                    syncs.add((System.nanoTime() - t0) / 1_000_000);
                }
                System.out.printf("full sync: %d hosts, %d VMs, %d networks: %s ms (5 runs, after 1 warm-up)%n",
                        s.hosts().size(), s.vms().size(), s.networks().size(), syncs);

                BlockingQueue<VmEvent> events = new LinkedBlockingQueue<>();
                var feed = c.watch(new InventoryChangeListener() {
                    @Override
                    public void vmChanged(VmEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void connectionLost(String sourceId, String reason) {
                    }

                    @Override
                    public void connectionRestored(String sourceId) {
                    }
                }).orElseThrow();
                while (!feed.connected()) {
                    Thread.sleep(10);
                }
                List<ObjectContent> hosts = driver.all("HostSystem", "name", "parent");
                List<ObjectContent> vms = driver.all("VirtualMachine", "config.instanceUuid", "runtime.host",
                        "resourcePool").stream().filter(v -> hosts.stream().anyMatch(h -> h.obj()
                        .equals(Xml.ref(v.get("runtime.host"))) && "ClusterComputeResource"
                        .equals(Xml.ref(h.get("parent")).type()))).toList();
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < relocations; i++) {
                    ObjectContent vm = vms.get(i);
                    var from = Xml.ref(vm.get("runtime.host"));
                    var parent = hosts.stream().filter(h -> h.obj().equals(from)).findFirst().orElseThrow().get("parent");
                    var to = hosts.stream().filter(h -> Xml.ref(h.get("parent")).equals(Xml.ref(parent)))
                            .map(ObjectContent::obj).filter(h -> !h.equals(from)).findFirst().orElseThrow();
                    driver.relocate(vm.obj(), to, Xml.ref(vm.get("resourcePool")));
                    long done = System.nanoTime();
                    String id = vm.text("config.instanceUuid").toLowerCase();
                    VmEvent e;
                    do {
                        e = events.poll(30, TimeUnit.SECONDS);
                    } while (e != null && !(e.vmId().equals(id) && e.kind() == VmEvent.Kind.MIGRATED));
                    c.collectVm(id).orElseThrow();
                    latencies.add((System.nanoTime() - done) / 1_000_000);
                }
                System.out.printf("relocation -> MIGRATED event -> collectVm: %s ms%n", latencies);
                feed.close();
            }
        }
    }
}
