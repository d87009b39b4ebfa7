package org.virtguard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.virtguard.flows.bench.BenchStreams;
import org.virtguard.flows.bench.LosslessRateBench;

/**
 * Whole-service lossless-rate benchmark (issue 13, "One production service"): the service {@code serve} runs
 * ({@link ServiceProcess}, a child JVM pinned to CPU 0 with taskset) with every intake on, from a generated
 * {@code virtguard.yaml}: embedded H2 store, a generated libvirt test-driver lab of HOSTS × VMS-PER-HOST VMs as its
 * sources (re-synced every {@code resync}), the flow collector, syslog over UDP, and a webhook to a receiver this
 * harness runs. At each rate it replays a {@code flows-bench} NetFlow stream to the flow port for SECONDS with
 * {@link LosslessRateBench#send} (this process pinned to CPU 1), while a second thread sends syslog lines at
 * {@code syslog} lines/s: sshd failures from a new source address {@code attacks} times a second (three each, the
 * third crossing the default brute-force threshold) and benign lines for the rest, as RFC 5424 lines stamped with
 * the current time ({@code clockAheadDays=N}: N days ahead, to show that delivery does not depend on evidence
 * times; the benchmark stream's flow alerts carry the exporter's 2027 clock). Halfway through each rate the
 * service is told to do what it does on an inventory change (a policy evaluation of the whole inventory and a
 * re-read for address attribution). Per rate it reports flows sent and received (the service's own counters), loss,
 * the service's CPU seconds, syslog lines sent and received, and the alert-to-webhook latency: from sending the
 * line that crosses the threshold to the webhook receiver getting the alert that names that source address. Then,
 * in the same run, the standalone collector ({@code CollectorProcess}) and nfcapd at the same rates, through
 * {@link LosslessRateBench#run}. Run by {@code scripts/bench-service.sh}:
 * <pre>
 * java -cp ... org.virtguard.bench.ServiceLosslessBench softflowd_v9.dgr 5 1000000,2000000,2600000 \
 *     [syslog=5000] [attacks=20] [hosts=50] [vmsPerHost=200] [resync=15m] [warmup=20] [peers=true] [heap=2g] [clockAheadDays=0]
 * </pre>
 */
public final class ServiceLosslessBench {

    private static final Pattern BENCH_ADDRESS = Pattern.compile("198\\.1[89]\\.\\d{1,3}\\.\\d{1,3}");
    private static final DateTimeFormatter SYSLOG_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    /** How long to wait after sending for the last alerts of a rate to reach the webhook. */
    private static final long ALERT_WAIT_MILLIS = 15_000;

    private final Map<String, Long> alertSent = new ConcurrentHashMap<>();
    private final Map<String, Long> alertArrived = new ConcurrentHashMap<>();
    private final AtomicLong webhookMessages = new AtomicLong();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private int nextAttacker;
    /** Days added to the syslog lines' timestamps (see {@code clockAheadDays} in the class comment). */
    private long clockAheadDays;
    private int cores;

    private ServiceLosslessBench() {
    }

    public static void main(String[] args) throws Exception {
        String stream = args[0];
        int seconds = Integer.parseInt(args[1]);
        long[] rates = Arrays.stream(args[2].split(",")).mapToLong(Long::parseLong).toArray();
        Map<String, String> o = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            o.put(kv[0], kv[1]);
        }
        ServiceLosslessBench bench = new ServiceLosslessBench();
        bench.clockAheadDays = Long.parseLong(o.getOrDefault("clockAheadDays", "0"));
        bench.run(stream, seconds, rates, Integer.parseInt(o.getOrDefault("syslog", "5000")),
                Integer.parseInt(o.getOrDefault("attacks", "20")), Integer.parseInt(o.getOrDefault("hosts", "50")),
                Integer.parseInt(o.getOrDefault("vmsPerHost", "200")), o.getOrDefault("resync", "15m"),
                Integer.parseInt(o.getOrDefault("warmup", "20")), Boolean.parseBoolean(o.getOrDefault("peers", "true")),
                o.getOrDefault("heap", "2g"));
    }

    private void run(String stream, int seconds, long[] rates, int syslogRate, int attacks, int hosts, int vmsPerHost,
                     String resync, int warmUp, boolean peers, String heap) throws Exception {
        cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores %d, load %s, stream %s, %d s per rate, syslog %d lines/s with %d brute-force "
                        + "sources/s, %d VMs, resync %s%n", Runtime.getRuntime().availableProcessors(), loadAverage(),
                stream, seconds, syslogRate, attacks, hosts * vmsPerHost, resync);
        List<byte[]> datagrams = BenchStreams.load(stream);
        int[] records = LosslessRateBench.recordCounts(datagrams);
        Path work = Files.createTempDirectory("vg-service-bench-");
        long labStart = System.nanoTime();
        List<Path> lab = new TestDriverLabGenerator(hosts, vmsPerHost, 42L).write(work.resolve("lab"));
        System.out.printf("lab: %d hosts × %d VMs written in %d ms%n", hosts, vmsPerHost,
                (System.nanoTime() - labStart) / 1_000_000);
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        webhook.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            webhookMessages.incrementAndGet();
            Matcher m = BENCH_ADDRESS.matcher(body);
            while (m.find()) {
                alertArrived.putIfAbsent(m.group(), now);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        Path config = writeConfig(work, lab, webhook.getAddress().getPort(), resync);

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("taskset", "-c", "0", javaBin, "-Xmx" + heap,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ServiceProcess.class.getName(), config.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("VIRTGUARD_WEBHOOK_SECRET", "bench-secret-0123456789abcdef");
        Process child = pb.start();
        PrintWriter commands = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader out = child.inputReader(StandardCharsets.UTF_8);
        String[] ready = awaitReady(out);
        int flowPort = Integer.parseInt(ready[1]);
        int syslogPort = Integer.parseInt(ready[2]);
        System.out.printf("service ready: flows udp %d, syslog udp %d, %s VMs, started in %s ms (first sync "
                + "included), pid %d%n", flowPort, syslogPort, ready[3], ready[4], child.pid());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    replies.add(line);
                }
            } catch (IOException e) {
                // the child ended
            }
        });

        List<String> rows = new ArrayList<>();
        String header = String.format("%-10s %10s %10s %10s %7s %6s %7s %7s %6s %6s %7s %7s %7s %6s %s",
                "target", "rate/s", "sent", "received", "loss%", "cpu-s", "syslog", "recv", "alerts", "hooks",
                "p50-ms", "p99-ms", "max-ms", "eval", "load");
        if (warmUp > 0) {
            System.out.println("warm-up (JIT, first evaluation) at " + rates[0] / 2 + " flows/s for " + warmUp + " s");
            System.out.println("  " + step(commands, datagrams, records, rates[0] / 2, warmUp, flowPort, syslogPort,
                    syslogRate, attacks, "warm-up"));
        }
        System.out.println(header);
        for (long rate : rates) {
            String row = step(commands, datagrams, records, rate, seconds, flowPort, syslogPort, syslogRate, attacks,
                    "service");
            System.out.println(row);
            rows.add(row);
        }
        commands.close();
        child.waitFor(60, TimeUnit.SECONDS);
        reader.join(1000);
        webhook.stop(0);

        if (peers) {
            for (long rate : rates) {
                for (String collector : List.of("virtguard", "nfcapd")) {
                    long[] r = LosslessRateBench.run(collector, stream, datagrams, records, rate, seconds, "inline");
                    String row = String.format("%-10s %10d %10d %10d %7.3f %6.2f %7s %7s %6s %6s %7s %7s %7s %6s %s",
                            collector.equals("virtguard") ? "collector" : collector, rate, r[0], r[1],
                            100.0 * (r[0] - r[1]) / Math.max(1, r[0]), r[2] / 1000.0, "-", "-", "-", "-", "-", "-",
                            "-", "-", loadAverage());
                    System.out.println(row);
                    rows.add(row);
                }
            }
        }
        System.out.println();
        System.out.println("summary (" + java.time.Instant.now() + ", " + cores + " cores, syslog clock ahead "
                + clockAheadDays + " days)");
        System.out.println(header);
        rows.forEach(System.out::println);
    }

    /** One rate against the service; returns its table row. */
    private String step(PrintWriter commands, List<byte[]> datagrams, int[] records, long rate, int seconds,
                        int flowPort, int syslogPort, int syslogRate, int attacks, String label) throws Exception {
        Map<String, Long> before = stats(commands);
        Map<String, Long> threadsBefore = lastThreads;
        List<String> attackers = new ArrayList<>();
        long[] syslogSent = new long[1];
        Thread syslog = Thread.ofPlatform().name("bench-syslog").start(() -> {
            try {
                syslogSent[0] = sendSyslog(syslogPort, syslogRate, attacks, seconds, attackers);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread change = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(seconds * 500L);
                commands.println("change");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long sent = LosslessRateBench.send(datagrams, records, rate, seconds, flowPort);
        syslog.join();
        change.join();
        // wait until the collector has taken everything that is still in its socket buffer
        Map<String, Long> after = stats(commands);
        for (int i = 0; i < 50; i++) {
            Thread.sleep(300);
            Map<String, Long> next = stats(commands);
            boolean still = next.get("datagrams").equals(after.get("datagrams"))
                    && next.get("lines").equals(after.get("lines"));
            after = next;
            if (still) {
                break;
            }
        }
        Map<String, Long> threadsAfter = lastThreads;
        long deadline = System.currentTimeMillis() + ALERT_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline && !attackers.stream().allMatch(alertArrived::containsKey)) {
            Thread.sleep(100);
        }
        long[] latencies = attackers.stream().filter(alertArrived::containsKey)
                .mapToLong(a -> alertArrived.get(a) - alertSent.get(a)).sorted().toArray();
        long received = after.get("flows") - before.get("flows");
        long cpu = after.get("cpu-ms") - before.get("cpu-ms");
        String row = String.format("%-10s %10d %10d %10d %7.3f %6.2f %7d %7d %6d %6d %7s %7s %7s %6s %s", label, rate,
                sent, received, 100.0 * (sent - received) / Math.max(1, sent), cpu / 1000.0, syslogSent[0],
                after.get("lines") - before.get("lines"), attackers.size(), latencies.length,
                millis(percentile(latencies, 0.50)), millis(percentile(latencies, 0.99)),
                millis(latencies.length == 0 ? -1 : latencies[latencies.length - 1]),
                after.get("last-evaluation-ms") + "ms", loadAverage());
        System.out.println("  " + label + " " + rate + ": service drops " + (after.get("drops") - before.get("drops"))
                + ", alerts recorded " + (after.get("alerts-recorded") - before.get("alerts-recorded"))
                + " (queued " + after.get("alerts-queued") + "), evaluations " + (after.get("evaluations")
                - before.get("evaluations")) + ", webhook messages so far " + webhookMessages.get());
        System.out.println("  threads (CPU ms in this step): " + threadDelta(threadsBefore, threadsAfter));
        return row;
    }

    private Map<String, Long> lastThreads = Map.of();

    private Map<String, Long> stats(PrintWriter commands) throws InterruptedException, IOException {
        commands.println("stats");
        Map<String, Long> values = new LinkedHashMap<>();
        while (true) {
            String line = replies.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IOException("the service did not answer 'stats'");
            }
            if (line.startsWith("stats ")) {
                String[] w = line.substring(6).split(" ");
                for (int i = 0; i + 1 < w.length; i += 2) {
                    values.put(w[i], Long.parseLong(w[i + 1]));
                }
            } else if (line.startsWith("threads ")) {
                Map<String, Long> threads = new HashMap<>();
                for (String t : line.substring(8).split(";")) {
                    int eq = t.lastIndexOf('=');
                    if (eq > 0) {
                        threads.put(t.substring(0, eq), Long.parseLong(t.substring(eq + 1)));
                    }
                }
                lastThreads = threads;
                return values;
            }
        }
    }

    private static String threadDelta(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= 50)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.append(e.getKey()).append(' ').append(e.getValue()).append(", "));
        return out.toString();
    }

    /**
     * Sends {@code rate} syslog lines a second for {@code seconds}, paced in 10 ms ticks: {@code attacks} new
     * sources a second each send three sshd failures (the third crosses the brute-force threshold; its send time is
     * remembered), the rest are benign lines.
     *
     * @return lines sent
     */
    private long sendSyslog(int port, int rate, int attacks, int seconds, List<String> attackers) throws IOException {
        long sent = 0;
        long attackLines = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int pid = 4000;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                double elapsed = (now - start) / 1e9;
                String time = SYSLOG_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(clockAheadDays)
                        .withNano(0));
                long dueAttackers = (long) (elapsed * attacks);
                while (attackLines / 3 < dueAttackers && sent < (long) (elapsed * rate) + 3) {
                    int n = nextAttacker++;
                    String address = "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 255) + "." + (n & 255);
                    String user = "guess" + n;
                    for (int k = 0; k < 3; k++) {
                        send(ch, "<38>1 " + time + " web-" + (n % 50) + " sshd " + (pid++) + " - - Failed password for "
                                + "invalid user " + user + " from " + address + " port " + (40000 + k) + " ssh2");
                        sent++;
                        attackLines++;
                    }
                    alertSent.put(address, System.nanoTime());
                    attackers.add(address);
                }
                long due = (long) (elapsed * rate);
                while (sent < due) {
                    send(ch, (sent & 1) == 0
                            ? "<86>1 " + time + " app-" + (sent % 50) + " CRON " + (pid++) + " - - pam_unix(cron:session): "
                            + "session opened for user root by (uid=0)"
                            : "<30>1 " + time + " app-" + (sent % 50) + " systemd 1 - - Started Session " + sent
                            + " of user deploy.");
                    sent++;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return sent;
    }

    private static void send(DatagramChannel ch, String line) throws IOException {
        ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    }

    private static Path writeConfig(Path work, List<Path> lab, int webhookPort, String resync) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("dataDir: ").append(work.resolve("data")).append('\n')
                .append("http:\n  bind: 127.0.0.1\n  port: 0\n")
                .append("sources:\n");
        for (Path f : lab) {
            y.append("  - id: bench-").append(f.getFileName().toString().replace(".xml", "")).append('\n')
                    .append("    uri: test://").append(f.toAbsolutePath()).append('\n');
        }
        y.append("lifecycle:\n  resync: ").append(resync).append('\n')
                .append("intake:\n")
                .append("  flows:\n    bind: 127.0.0.1\n    ports: [0]\n    receiveBuffer: ").append(128 << 20)
                .append('\n')
                .append("  syslog:\n    bind: 127.0.0.1\n    udp: 0\n    ratePerSender: 1000000\n")
                .append("delivery:\n  webhooks:\n    - name: bench\n      url: http://127.0.0.1:").append(webhookPort)
                .append("/hook\n      secretEnv: VIRTGUARD_WEBHOOK_SECRET\n");
        Path file = work.resolve("virtguard.yaml");
        Files.writeString(file, y);
        return file;
    }

    private static String[] awaitReady(BufferedReader r) throws IOException {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("ready ")) {
                return line.split(" ");
            }
            System.out.println("  service: " + line);
        }
        throw new IOException("the service ended before it was ready");
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "-" : Long.toString(nanos / 1_000_000);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
