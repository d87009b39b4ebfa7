package org.virtguard.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
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
 * vNICs hot-plugged into and out of a running real QEMU domain ({@code virsh attach-device --live} /
 * {@code detach-device --live}, which change only the live domain and raise no lifecycle event) are recorded by the
 * live updater within 5 s each, with their network, and no re-sync runs meanwhile: they arrive as libvirt's
 * {@code DEVICE_ADDED}/{@code DEVICE_REMOVED} events. A PCI NIC (e1000 on the {@code pc} machine's ACPI hot-plug
 * bus) is attached; removing a PCI device needs the guest to eject it, which a diskless guest cannot, so the NIC that
 * is attached and then detached is a USB one ({@code usb-net}), which QEMU removes at once. Runs against
 * {@code VIRTGUARD_TEST_QEMU_URI}; skips loudly without it and fails when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
class QemuNicHotplugChangesTest {

    private static final String URI_VARIABLE = "VIRTGUARD_TEST_QEMU_URI";
    private static final int AFFECT_LIVE = 1;
    private static final Duration RECORDED_WITHIN = Duration.ofSeconds(5);
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final List<InventoryChange> recorded = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void nicsAttachedAndDetachedLiveAreRecordedWithinFiveSecondsWithTheirNetwork() throws Exception {
        String uri = System.getenv(URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            System.err.println("!!! QEMU NIC HOT-PLUG TEST NOT RUN: " + URI_VARIABLE + " is not set (./run-tests sets "
                    + "it to qemu:///system when it starts libvirtd)");
        }
        TestEnvironment.require(uri != null && !uri.isBlank(),
                "a real libvirt daemon with QEMU (" + URI_VARIABLE + ", e.g. qemu:///system)");
        String prefix = "vg-test-hotplug-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
                .substring(0, 6);
        String uuid = UUID.randomUUID().toString();
        String lan = prefix + "-lan";
        String dmz = prefix + "-dmz";
        Connect operator = null;
        try (Store store = Store.open(StoreConfig.embedded(temp));
             LibvirtConnector connector = LibvirtConnector.open(new SourceSpec("qemu-hotplug", uri, Map.of("device-events", "true")),
                     Credentials.none());
             LiveInventoryUpdater updater = new LiveInventoryUpdater(store.inventory(), Clock.systemUTC(),
                     recorded::addAll, log::add)) {
            operator = new Connect(uri);
            for (String net : List.of(lan, dmz)) {
                operator.networkDefineXML("<network><name>" + net + "</name></network>").create();
            }
            Domain domain = operator.domainDefineXML(guest(prefix + "-vm", uuid, lan));
            domain.create();
            store.inventory().applySync(List.of(connector.collect()), List.of(), Clock.systemUTC().instant());
            assertThat(updater.follow(connector)).isTrue();

            String pciMac = "52:54:00:" + randomMacTail();
            domain.attachDeviceFlags(nic(pciMac, dmz, "e1000"), AFFECT_LIVE);
            InventoryChange pciAdded = await(c -> c.type() == ChangeType.NIC_ADDED
                    && c.objectId().equals(uuid + "/" + pciMac), "PCI NIC " + pciMac + " added");
            assertThat(pciAdded.newValue()).contains(dmz);

            String usbMac = "52:54:00:" + randomMacTail();
            String usbNic = nic(usbMac, lan, "usb-net");
            domain.attachDeviceFlags(usbNic, AFFECT_LIVE);
            assertThat(await(c -> c.type() == ChangeType.NIC_ADDED && c.objectId().equals(uuid + "/" + usbMac),
                    "USB NIC " + usbMac + " added").newValue()).contains(lan);
            domain.detachDeviceFlags(usbNic, AFFECT_LIVE);
            assertThat(await(c -> c.type() == ChangeType.NIC_REMOVED && c.objectId().equals(uuid + "/" + usbMac),
                    "USB NIC " + usbMac + " removed").oldValue()).contains(lan);

            assertThat(store.inventory().findVm(uuid).orElseThrow().vm().nics()).extracting(n -> n.networkName())
                    .containsExactly(lan, dmz);
            assertThat(log).noneMatch(line -> line.contains("re-collecting"));
        } finally {
            cleanUp(uri, uuid, List.of(lan, dmz));
            if (operator != null) {
                operator.close();
            }
        }
    }

    /** Removes the guest and networks over a connection of its own (the test's may have broken). */
    private static void cleanUp(String uri, String uuid, List<String> networks) throws LibvirtException {
        Connect operator = new Connect(uri);
        try {
            quietly(() -> {
                Domain d = operator.domainLookupByUUIDString(uuid);
                if (d.isActive() == 1) {
                    d.destroy();
                }
                d.undefine();
            });
            for (String net : networks) {
                quietly(() -> {
                    Network n = operator.networkLookupByName(net);
                    if (n.isActive() == 1) {
                        n.destroy();
                    }
                    n.undefine();
                });
            }
        } finally {
            operator.close();
        }
    }

    /** The first recorded change that matches, waiting at most {@link #RECORDED_WITHIN} from now. */
    private InventoryChange await(Predicate<InventoryChange> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + RECORDED_WITHIN.toNanos();
        while (true) {
            Optional<InventoryChange> found = recorded.stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not recorded within " + RECORDED_WITHIN + "; recorded " + recorded
                        + "; log " + log);
            }
            Thread.sleep(25);
        }
    }

    private static String guest(String name, String uuid, String network) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <features><acpi/></features>
                  <devices>
                    <controller type='usb' model='piix3-uhci'/>
                    <interface type='network'><source network='%s'/><model type='e1000'/></interface>
                  </devices>
                  <seclabel type='none'/>
                </domain>""".formatted(name, uuid, network);
    }

    private static String nic(String mac, String network, String model) {
        return "<interface type='network'><mac address='" + mac + "'/><source network='" + network + "'/><model type='"
                + model + "'/></interface>";
    }

    private static String randomMacTail() {
        byte[] b = new byte[3];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.ofDelimiter(":").formatHex(b);
    }

    private static void quietly(LibvirtWork work) {
        try {
            work.run();
        } catch (LibvirtException e) {
            System.err.println("QemuNicHotplugChangesTest cleanup: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface LibvirtWork {
        void run() throws LibvirtException;
    }
}
