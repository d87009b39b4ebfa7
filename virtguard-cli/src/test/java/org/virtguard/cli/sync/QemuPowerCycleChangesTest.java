package org.virtguard.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.virtguard.connector.libvirt.LibvirtConnector;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;
import org.virtguard.service.sync.LiveInventoryUpdater;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/**
 * Power-cycling a real QEMU domain ten times under the live updater records exactly the power changes. The
 * domain has no {@code <seclabel>}: libvirt then adds the security drivers' dynamic labels (DAC, and SELinux or
 * AppArmor where present) while it runs and drops them when it stops, which used to be stored as two
 * {@code SETTING_CHANGED securityLabels} per cycle. Runs against {@code VIRTGUARD_TEST_QEMU_URI}
 * ({@code qemu:///system}); skips loudly without it and fails when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
class QemuPowerCycleChangesTest {

    private static final String URI_VARIABLE = "VIRTGUARD_TEST_QEMU_URI";
    private static final int CYCLES = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CLEAN_UP_ATTEMPTS = 15;

    @TempDir
    Path temp;

    private final List<InventoryChange> recorded = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void tenPowerCyclesRecordOnlyPowerChanges() throws Exception {
        String uri = System.getenv(URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            System.err.println("!!! QEMU POWER-CYCLE TEST NOT RUN: " + URI_VARIABLE + " is not set (./run-tests sets it "
                    + "to qemu:///system when it starts libvirtd)");
        }
        TestEnvironment.require(uri != null && !uri.isBlank(),
                "a real libvirt daemon with QEMU (" + URI_VARIABLE + ", e.g. qemu:///system)");
        String uuid = UUID.randomUUID().toString();
        String name = "vg-data-power-" + uuid.substring(0, 8);
        SourceSpec spec = new SourceSpec("qemu-power-cycle", uri, Map.of());
        try (Store store = Store.open(StoreConfig.embedded(temp));
             LibvirtConnector connector = LibvirtConnector.open(spec, Credentials.none());
             LiveInventoryUpdater updater = new LiveInventoryUpdater(store.inventory(), Clock.systemUTC(),
                     recorded::addAll, log::add)) {
            Connect hypervisor = connector.connection();
            Domain domain = hypervisor.domainDefineXML(guest(name, uuid));
            try {
                store.inventory().applySync(List.of(connector.collect()), List.of(), Clock.systemUTC().instant());
                assertThat(updater.follow(connector)).isTrue();
                long before = lastSeq(store);
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    domain.create();
                    awaitPower(store, uuid, "RUNNING", cycle);
                    domain.destroy();
                    awaitPower(store, uuid, "OFF", cycle);
                }
                List<InventoryChange> ofGuest = store.inventory().changes(null, 100_000).stream()
                        .filter(c -> c.id() > before && uuid.equals(c.objectId())).toList();
                assertThat(ofGuest).as("changes of %s after %d power cycles other than power", name, CYCLES)
                        .filteredOn(c -> c.type() != ChangeType.POWER_STATE_CHANGED)
                        .extracting(c -> c.type() + " " + c.field() + ": " + c.oldValue() + " -> " + c.newValue())
                        .isEmpty();
                // a destroy may be seen half-way (libvirt's transient "shutdown" state): a real state, not noise
                assertThat(ofGuest).extracting(InventoryChange::newValue).filteredOn(v -> !"SHUTTING_DOWN".equals(v))
                        .hasSize(2 * CYCLES).containsExactlyElementsOf(powerSequence());
            } finally {
                cleanUp(uri, name);
            }
        }
    }

    private static String guest(String name, String uuid) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <devices>
                    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                  </devices>
                </domain>""".formatted(name, uuid);
    }

    private static List<String> powerSequence() {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < CYCLES; i++) {
            states.add("RUNNING");
            states.add("OFF");
        }
        return states;
    }

    private static long lastSeq(Store store) {
        return store.inventory().changes(null, 100_000).stream().mapToLong(InventoryChange::id).max().orElse(0);
    }

    private void awaitPower(Store store, String uuid, String state, int cycle) throws InterruptedException {
        Predicate<InventoryChange> match = c -> c.type() == ChangeType.POWER_STATE_CHANGED
                && uuid.equals(c.objectId()) && state.equals(c.newValue());
        long deadline = System.nanoTime() + WAIT.toNanos();
        long count = store.inventory().changes(null, 100_000).stream().filter(match).count();
        while (count < cycle && System.nanoTime() < deadline) {
            Thread.sleep(25);
            count = store.inventory().changes(null, 100_000).stream().filter(match).count();
        }
        assertThat(count).as("power changes to %s after cycle %d; recorded %s; log %s", state, cycle, recorded, log)
                .isEqualTo(cycle);
    }

    /**
     * Removes the guest over a connection of its own, so that it goes even when the test's one broke; retries for
     * a while when the daemon is restarting.
     */
    private static void cleanUp(String uri, String name) throws InterruptedException {
        LibvirtException last = null;
        for (int attempt = 0; attempt < CLEAN_UP_ATTEMPTS; attempt++) {
            try {
                removeGuest(uri, name);
                return;
            } catch (LibvirtException e) {
                last = e;
                Thread.sleep(2_000);
            }
        }
        System.err.println("!!! cannot remove the test guest " + name + ": " + last.getMessage());
    }

    private static void removeGuest(String uri, String name) throws LibvirtException {
        Connect c = new Connect(uri);
        try {
            Domain domain;
            try {
                domain = c.domainLookupByName(name);
            } catch (LibvirtException e) {
                if (e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return;
                }
                throw e;
            }
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
        } finally {
            c.close();
        }
    }
}
