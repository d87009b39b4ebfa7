package org.virtguard.cli.sync;

import org.virtguard.service.sync.*;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.virtguard.connector.libvirt.LibvirtConnector;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.PowerState;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.StoredVm;

/**
 * Live updates end to end: libvirt's test driver raises real lifecycle events, the updater re-reads the
 * one VM and the store records the change, without a full resync.
 */
class LiveInventoryUpdaterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CANARY_UUID = "6f1f0f5e-9b7e-4c3a-8d57-2f1c0a9e4b11";
    private static final String CANARY = """
            <domain type='kvm'>
              <name>canary02</name>
              <uuid>6f1f0f5e-9b7e-4c3a-8d57-2f1c0a9e4b11</uuid>
              <memory unit='MiB'>512</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <interface type='network'>
                  <mac address='52:54:00:1a:00:98'/>
                  <source network='dmz'/>
                </interface>
              </devices>
            </domain>""";

    @TempDir
    Path temp;

    private final List<InventoryChange> recorded = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void lifecycleEventsUpdateTheStoreWithoutAFullResync() throws Exception {
        org.virtguard.cli.LabCopy.requireLibvirt();
        SourceSpec spec = new SourceSpec("lab-host-a", TestEnvironment.labTestUri("host-a"), Map.of("name", "host-a"));
        try (Store store = Store.open(StoreConfig.embedded(temp));
             LibvirtConnector connector = LibvirtConnector.open(spec, Credentials.none());
             LiveInventoryUpdater updater = new LiveInventoryUpdater(store.inventory(), Clock.systemUTC(),
                     recorded::addAll, log::add)) {
            store.inventory().applySync(List.of(connector.collect()), List.of(), Clock.systemUTC().instant());
            assertThat(updater.follow(connector)).isTrue();
            Connect hypervisor = connector.connection();

            Domain canary = hypervisor.domainDefineXML(CANARY);
            awaitChange(store, c -> c.type() == ChangeType.CREATED && c.objectId().equals(CANARY_UUID));
            StoredVm stored = store.inventory().findVm("canary02").orElseThrow();
            assertThat(stored.vm().hostId()).isEqualTo("libvirt:lab-host-a");
            assertThat(stored.vm().nics()).singleElement()
                    .satisfies(nic -> assertThat(nic.networkName()).isEqualTo("dmz"));

            canary.create();
            awaitChange(store, c -> c.type() == ChangeType.POWER_STATE_CHANGED && c.objectId().equals(CANARY_UUID)
                    && "RUNNING".equals(c.newValue()));
            assertThat(store.inventory().findVm(CANARY_UUID).orElseThrow().vm().powerState())
                    .isEqualTo(PowerState.RUNNING);

            canary.destroy();
            canary.undefine();
            awaitChange(store, c -> c.type() == ChangeType.REMOVED && c.objectId().equals(CANARY_UUID));
            assertThat(store.inventory().findVm("canary02")).isEmpty();
            awaitRecorded(ChangeType.REMOVED, CANARY_UUID);
            assertThat(recorded).filteredOn(c -> c.objectId().equals(CANARY_UUID)).extracting(InventoryChange::type)
                    .startsWith(ChangeType.CREATED, ChangeType.POWER_STATE_CHANGED).endsWith(ChangeType.REMOVED);
            assertThat(store.inventory().vms()).extracting(v -> v.vm().name()).contains("web01", "jump01");

            hypervisor.close();
            awaitChange(store, c -> c.type() == ChangeType.SOURCE_STALE && c.sourceId().equals("lab-host-a"));
            awaitChange(store, c -> c.type() == ChangeType.SOURCE_RECOVERED && c.sourceId().equals("lab-host-a"));
            assertThat(store.inventory().vms()).extracting(StoredVm::stale).containsOnly(false);
            assertThat(log).anyMatch(line -> line.contains("disconnected"));
        }
    }

    /** The callback runs after the store's write: wait for it too. */
    private void awaitRecorded(ChangeType type, String objectId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && recorded.stream().noneMatch(c -> c.type() == type && c.objectId().equals(objectId))) {
            Thread.sleep(25);
        }
    }

    private void awaitChange(Store store, Predicate<InventoryChange> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (store.inventory().changes(null, 10_000).stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no matching change in the store within " + WAIT + "; recorded: " + recorded + "; log: " + log);
    }
}
