package org.virtguard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.aggregate.EdgeKind;
import org.virtguard.flows.aggregate.FlowEdge;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.enrich.EndpointIndex;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.flows.transport.CollectorSettings;
import org.virtguard.flows.transport.UdpFlowCollector;
import org.virtguard.model.Endpoint;

/**
 * Two network namespaces stand in for two VMs on one host: each has a veth port on a Linux bridge, softflowd
 * captures on the bridge and exports NetFlow v9 to VirtGuard's collector, and a real TCP exchange between the
 * namespaces must come out attributed to those "VMs" (both on the same host: east-west, invisible to the
 * physical network). Needs root, {@code ip netns}, softflowd and python3 (the namespaces' client and server);
 * skips loudly without them.
 */
class NamespaceBridgeEndToEndTest {

    private static final String NET = "10.77.";
    private static final int SERVER_PORT = 8080;

    @TempDir
    Path work;

    private final String tag = HexFormat.of().toHexDigits(new Random().nextInt(0x10000), 4);
    private final String nsA = "vgA-" + tag;
    private final String nsB = "vgB-" + tag;
    private final String bridge = "vgbr" + tag;
    private final String subnet = NET + (1 + Integer.parseInt(tag, 16) % 250) + ".";
    private final List<Process> processes = new ArrayList<>();
    private final List<FlowRecord> flows = new CopyOnWriteArrayList<>();

    private static void skipLoudly(String why) {
        System.err.println("SKIPPED NamespaceBridgeEndToEndTest: " + why);
        Assumptions.abort("SKIPPED: " + why);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void must(String... command) throws IOException, InterruptedException {
        int rc = run(command);
        if (rc != 0) {
            throw new IOException("network setup step failed (exit " + rc + "): " + String.join(" ", command));
        }
    }

    private void requireNamespaces() throws IOException, InterruptedException {
        for (String tool : List.of("/usr/sbin/softflowd", "/usr/sbin/softflowctl")) {
            if (!Files.isExecutable(Path.of(tool))) {
                skipLoudly(tool + " is missing (Debian package softflowd)");
            }
        }
        if (run("python3", "-c", "pass") != 0) {
            skipLoudly("python3 is missing (runs the client and server inside the namespaces)");
        }
        if (run("ip", "netns", "add", nsA) != 0) {
            skipLoudly("network namespaces are unavailable here (`ip netns add` needs root and a kernel with netns)");
        }
    }

    /** Namespace {@code ns} with address {@code host} on the bridge, through a veth pair with a fixed MAC. */
    private void plug(String ns, String side, int host, String mac) throws IOException, InterruptedException {
        String inside = "vg" + side + tag;
        String outside = "vg" + side + tag + "p";
        must("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
        must("ip", "link", "set", inside, "netns", ns);
        must("ip", "link", "set", outside, "master", bridge, "up");
        must("ip", "netns", "exec", ns, "ip", "link", "set", "dev", inside, "address", mac);
        must("ip", "netns", "exec", ns, "ip", "addr", "add", subnet + host + "/24", "dev", inside);
        must("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
        must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }

    private Process start(List<String> command, String log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile()).start();
        processes.add(p);
        return p;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        run("ip", "netns", "del", nsA);
        run("ip", "netns", "del", nsB);
        run("ip", "link", "del", bridge);
    }

    @Test
    void trafficBetweenTwoNamespacesOnABridgeIsAttributedToThoseVms() throws Exception {
        requireNamespaces();
        must("ip", "netns", "add", nsB);
        must("ip", "link", "add", bridge, "type", "bridge");
        must("ip", "link", "set", bridge, "up");
        plug(nsA, "a", 1, "52:54:00:77:00:01");
        plug(nsB, "b", 2, "52:54:00:77:00:02");
        String server = subnet + "1";
        String client = subnet + "2";

        TestInventory inventory = new TestInventory().host("h1", "kvm01")
                .vm("vm-a", "ns-web", "h1", server, "52:54:00:77:00:01")
                .vm("vm-b", "ns-client", "h1", client, "52:54:00:77:00:02")
                .network("ns-bridge", "h1", subnet + "0/24").zone(subnet + "0/24", "lab", 2, false);
        LiveEndpointIndex index = new LiveEndpointIndex(inventory.zones());
        index.update(inventory.hosts, inventory.vms, inventory.networks);
        EdgeAggregator aggregator = new EdgeAggregator(10_000);
        FlowPipeline pipeline = new FlowPipeline(index::current, FlowPipeline.standardDetectors(
                SegmentationPolicy.denyBetweenZones(), index::current, DetectorSettings.defaults()), aggregator,
                a -> { });
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0)), 4 << 20,
                1024, 9216);
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), r -> {
            flows.add(r.copy());
            pipeline.accept(r);
        }, System::currentTimeMillis)) {
            collector.start();
            Path control = work.resolve("softflowd.ctl");
            start(List.of("/usr/sbin/softflowd", "-i", bridge, "-n", "127.0.0.1:" + collector.ports().getFirst(),
                    "-v", "9", "-d", "-c", control.toString(), "-p", work.resolve("softflowd.pid").toString()),
                    "softflowd.log");
            start(List.of("ip", "netns", "exec", nsA, "python3", "-c", """
                    import socket
                    s = socket.socket()
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind(('%s', %d))
                    s.listen()
                    for _ in range(3):
                        c, _ = s.accept()
                        c.sendall(c.recv(1024))
                        c.close()
                    """.formatted(server, SERVER_PORT)), "server.log");
            for (int i = 0; i < 100 && !Files.exists(control); i++) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            Process talk = new ProcessBuilder("ip", "netns", "exec", nsB, "python3", "-c", """
                    import socket, time
                    for i in range(3):
                        for attempt in range(50):
                            try:
                                c = socket.create_connection(('%s', %d), 5)
                                break
                            except OSError:
                                time.sleep(0.1)
                        c.sendall(b'hello from the client namespace')
                        assert c.recv(1024) == b'hello from the client namespace'
                        c.close()
                    print('exchanged')
                    """.formatted(server, SERVER_PORT)).redirectErrorStream(true).start();
            assertThat(talk.waitFor(30, TimeUnit.SECONDS)).as("client finished").isTrue();
            assertThat(new String(talk.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .as("TCP exchange between the namespaces").contains("exchanged");

            for (int i = 0; i < 20 && flows.stream().noneMatch(r -> isExchange(r, client, server)); i++) {
                fillCaptureBlocks(server);
                run("/usr/sbin/softflowctl", "-c", control.toString(), "expire-all");
                Thread.sleep(300);
            }
            List<FlowRecord> exchange = flows.stream().filter(r -> isExchange(r, client, server)).toList();
            assertThat(exchange).as("flows softflowd exported from the bridge; log: "
                    + Files.readString(work.resolve("softflowd.log"))).isNotEmpty();

            EndpointIndex current = index.current();
            FlowRecord first = exchange.getFirst();
            Endpoint from = current.lookup(first, true);
            Endpoint to = current.lookup(first, false);
            assertThat(from.vmName()).isEqualTo("ns-client");
            assertThat(to.vmName()).isEqualTo("ns-web");
            assertThat(from.hostName()).isEqualTo("kvm01");
            assertThat(to.zone().name()).isEqualTo("lab");
            List<FlowEdge> edges = aggregator.drainAll();
            assertThat(edges).filteredOn(e -> e.kind() == EdgeKind.VM && e.from().equals("ns-client")
                    && e.to().equals("ns-web")).isNotEmpty().allSatisfy(e -> {
                        assertThat(e.eastWestOnHost()).isTrue();
                        assertThat(e.flows()).isPositive();
                    });
        }
    }

    /**
     * Sends a burst of small UDP datagrams from the client namespace to the server's discard port. softflowd's
     * libpcap hands captured packets over a block at a time and without a timeout, so the few packets of a TCP
     * exchange would wait in a half-filled block; the burst fills it.
     */
    private void fillCaptureBlocks(String server) throws IOException, InterruptedException {
        must("ip", "netns", "exec", nsB, "python3", "-c", """
                import socket
                u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                for i in range(20000):
                    u.sendto(b'x', ('%s', 9))
                """.formatted(server));
    }

    private static boolean isExchange(FlowRecord r, String client, String server) {
        return r.protocol == 6 && r.srcAddress().equals(client) && r.dstAddress().equals(server)
                && r.dstPort == SERVER_PORT;
    }
}
