package org.virtguard.connector.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;

/**
 * A real libvirtd with QEMU under software emulation, as {@code ./run-tests} starts it and exports it in
 * {@code VIRTGUARD_TEST_QEMU_URI}. Tests define tiny guests (type qemu, 64 MiB, no disk) and isolated networks (no
 * forward), all named {@code vg-test-<test>-<random>}, through {@link #define}, and remove what they defined with
 * {@link #close()} (qcow2 images made by {@link #qcow2Disk} too): the daemon is shared, so nothing else on it is touched.
 */
final class QemuHost implements AutoCloseable {

    /** The environment variable {@code ./run-tests} exports when its libvirtd answers. */
    static final String URI_VARIABLE = "VIRTGUARD_TEST_QEMU_URI";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration OPEN_RETRY = Duration.ofSeconds(30);
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images");
    private static final int UNDEFINE_MANAGED_SAVE_AND_SNAPSHOTS = 1 | 2;

    private final String uri;
    private final String prefix;
    private final List<String> domains = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<String> filters = new ArrayList<>();
    private final List<Path> disks = new ArrayList<>();

    private QemuHost(String uri, String test) {
        this.uri = uri;
        this.prefix = "vg-test-" + test + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(0, 6);
    }

    /**
     * The exported hypervisor, for a test named {@code test}: skips the calling test when the variable is absent,
     * or fails it when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
     */
    static QemuHost require(String test) {
        LibvirtTestSupport.requireLibvirt();
        String uri = System.getenv(URI_VARIABLE);
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (" + URI_VARIABLE
                + ", exported by ./run-tests, which installs libvirt-daemon-system and qemu-system-x86 and runs "
                + "libvirtd as root)");
        return new QemuHost(uri, test);
    }

    String uri() {
        return uri;
    }

    /** A unique name for an object this test defines: {@code vg-test-<test>-<random>-<role>}. */
    String name(String role) {
        return prefix + "-" + role;
    }

    /** A source spec on this hypervisor, with extra connector options. */
    SourceSpec spec(String id, Map<String, String> options) {
        return new SourceSpec(id, uri, options);
    }

    LibvirtConnector openConnector(String id, Map<String, String> options) throws ConnectorException {
        return LibvirtConnector.open(spec(id, options), Credentials.none());
    }

    /** Defines and starts an isolated network (no forward, no address) and returns its name. */
    String isolatedNetwork(String role) throws Exception {
        String name = name(role);
        networks.add(name);
        run(c -> {
            Network n = c.networkDefineXML("<network><name>" + name + "</name></network>");
            n.create();
            return null;
        });
        return name;
    }

    /** Defines an nwfilter that drops all traffic both ways and returns its name. */
    String dropAllFilter(String role) throws Exception {
        String name = name(role);
        filters.add(name);
        run(c -> c.networkFilterDefineXML("<filter name='" + name + "' chain='root'><rule action='drop' "
                + "direction='inout' priority='500'><all/></rule></filter>"));
        return name;
    }

    /** Defines (without starting) a tiny guest with one e1000 NIC per network; returns its lowercase UUID. */
    Guest define(String role, String... nicNetworks) throws Exception {
        return defineFiltered(role, null, nicNetworks);
    }

    /** Like {@link #define}, each NIC referring to the nwfilter {@code filter} (none when null). */
    Guest defineFiltered(String role, String filter, String... nicNetworks) throws Exception {
        return defineWith(role, filter, null, nicNetworks);
    }

    /** Like {@link #define}, with {@code disk} (a qcow2 file, see {@link #qcow2Disk}) as its virtio disk. */
    Guest defineWithDisk(String role, Path disk, String... nicNetworks) throws Exception {
        return defineWith(role, null, disk, nicNetworks);
    }

    /**
     * Creates an empty 16 MiB qcow2 image with {@code qemu-img} where QEMU may open it (libvirt's image directory),
     * removed by {@link #close()}.
     */
    Path qcow2Disk(String role) throws Exception {
        Path disk = IMAGES.resolve(name(role) + ".qcow2");
        disks.add(disk);
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "16M")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("qemu-img create " + disk + " failed: " + out);
        }
        return disk;
    }

    private Guest defineWith(String role, String filter, Path disk, String... nicNetworks) throws Exception {
        String name = name(role);
        String uuid = UUID.randomUUID().toString();
        List<String> macs = new ArrayList<>();
        StringBuilder nics = new StringBuilder();
        for (String network : nicNetworks) {
            String mac = "52:54:00:" + HexFormat.ofDelimiter(":").formatHex(randomBytes(3));
            macs.add(mac);
            nics.append("    <interface type='network'><mac address='").append(mac).append("'/><source network='")
                    .append(network).append("'/><model type='e1000'/>")
                    .append(filter == null ? "" : "<filterref filter='" + filter + "'/>").append("</interface>\n");
        }
        String xml = """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <features><acpi/></features>
                  <devices>
                %s%s    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                  </devices>
                  <seclabel type='none'/>
                </domain>""".formatted(name, uuid, disk == null ? "" : "    <disk type='file' device='disk'><driver name='qemu' "
                + "type='qcow2'/><source file='" + disk + "'/><target dev='vda' bus='virtio'/></disk>\n", nics);
        domains.add(name);
        run(c -> c.domainDefineXML(xml));
        return new Guest(name, uuid, List.copyOf(macs));
    }

    /**
     * Defines (without starting) a tiny guest whose {@code <interface>} elements are given as XML, each with
     * {@code MAC} where its random MAC goes; returns it with those MACs in order.
     */
    Guest defineWithInterfaces(String role, String... interfaces) throws Exception {
        String name = name(role);
        String uuid = UUID.randomUUID().toString();
        List<String> macs = new ArrayList<>();
        StringBuilder nics = new StringBuilder();
        for (String iface : interfaces) {
            String mac = "52:54:00:" + HexFormat.ofDelimiter(":").formatHex(randomBytes(3));
            macs.add(mac);
            nics.append(iface.replace("MAC", mac)).append('\n');
        }
        domains.add(name);
        run(c -> c.domainDefineXML("<domain type='qemu'><name>" + name + "</name><uuid>" + uuid + "</uuid>"
                + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<features><acpi/></features><devices>" + nics + "</devices><seclabel type='none'/></domain>"));
        return new Guest(name, uuid, List.copyOf(macs));
    }

    /** Registers an nwfilter that the code under test defines, so that {@link #close()} removes it. */
    String filterToRemove(String role) {
        String name = name(role);
        filters.add(name);
        return name;
    }

    /** Registers a domain that the code under test defines, so that {@link #close()} removes it. */
    void domainToRemove(String name) {
        domains.add(name);
    }

    void start(Guest g) throws Exception {
        run(c -> {
            c.domainLookupByName(g.name()).create();
            return null;
        });
    }

    void destroy(Guest g) throws Exception {
        run(c -> {
            c.domainLookupByName(g.name()).destroy();
            return null;
        });
    }

    void undefine(Guest g) throws Exception {
        run(c -> {
            c.domainLookupByName(g.name()).undefine();
            return null;
        });
    }

    /** Whether the guest runs, as libvirt itself says. */
    boolean isActive(Guest g) throws Exception {
        return run(c -> c.domainLookupByName(g.name()).isActive() == 1);
    }

    /** The guest's live XML, as libvirt itself reports it. */
    String liveXml(Guest g) throws Exception {
        return run(c -> c.domainLookupByName(g.name()).getXMLDesc(0));
    }

    /**
     * Runs {@code work} on a fresh connection of its own (QEMU raises events on every connection), retrying the
     * open for a while: another test may be restarting the daemon.
     */
    <T> T run(Work<T> work) throws Exception {
        LibvirtEventLoop.ensureStarted("qemu-test");
        long deadline = System.nanoTime() + OPEN_RETRY.toNanos();
        Connect c;
        while (true) {
            try {
                c = new Connect(uri, false);
                break;
            } catch (LibvirtException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        try {
            return work.run(c);
        } finally {
            c.close();
        }
    }

    /** Destroys and undefines what this test defined (and only that); never fails. */
    @Override
    public void close() {
        for (String name : domains) {
            quietly(c -> {
                Domain d = c.domainLookupByName(name);
                if (d.isActive() == 1) {
                    d.destroy();
                }
                if (d.isPersistent() == 1) {
                    d.undefine(UNDEFINE_MANAGED_SAVE_AND_SNAPSHOTS);
                }
                return null;
            });
        }
        for (String name : networks) {
            quietly(c -> {
                Network n = c.networkLookupByName(name);
                if (n.isActive() == 1) {
                    n.destroy();
                }
                n.undefine();
                return null;
            });
        }
        for (String name : filters) {
            quietly(c -> {
                c.networkFilterLookupByName(name).undefine();
                return null;
            });
        }
        for (Path disk : disks) {
            try {
                Files.deleteIfExists(disk);
            } catch (IOException e) {
                System.err.println("QemuHost cleanup: " + e);
            }
        }
    }

    private void quietly(Work<?> work) {
        try {
            run(work);
        } catch (Exception e) {
            String message = e instanceof LibvirtException le ? le.getError().getMessage() : e.getMessage();
            if (message == null || !message.toLowerCase(Locale.ROOT).contains("not found")) {
                System.err.println("QemuHost cleanup: " + message);
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Work on a libvirt connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connect c) throws Exception;
    }

    /** A guest this test defined: its name, lowercase UUID and NIC MACs, in order. */
    record Guest(String name, String uuid, List<String> macs) {
    }
}
