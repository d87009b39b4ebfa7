package org.virtguard.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;

/**
 * The release artifact as an operator receives it: {@code virtguard-VERSION.tar.gz} unpacked with {@code tar} into
 * a fresh directory, its launcher run with a PATH that has no Maven and no repository around it, {@code serve}
 * started from the shipped example configuration (site values filled in, PostgreSQL password from a file) until
 * {@code /readyz} says ready, and the shipped systemd unit accepted by {@code systemd-analyze verify}.
 */
class ReleaseArtifactTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final String ADMIN_PASSWORD = "release-artifact-curlew-pw-5531";
    private static final String WEBHOOK_SECRET = "release-artifact-webhook-secret";
    /** The only tools the launcher may use; PATH holds links to these and nothing else (no Maven, no java). */
    private static final List<String> TOOLS = List.of("bash", "dirname", "readlink", "sed");

    @TempDir
    Path temp;

    @Test
    void theTarballHoldsTheLauncherTheJarsTheExampleConfigurationTheUnitAndTheGuide() throws Exception {
        Path home = unpack();

        assertThat(home.resolve("bin/virtguard")).isExecutable();
        assertThat(home.resolve("config/virtguard.example.yaml")).isRegularFile();
        assertThat(home.resolve("systemd/virtguard.service")).isRegularFile();
        assertThat(home.resolve("docs/operations.md")).isRegularFile();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("virtguard-cli") && n.endsWith(".jar"))
                    .anyMatch(n -> n.startsWith("virtguard-service") && n.endsWith(".jar"))
                    .anyMatch(n -> n.startsWith("postgresql") && n.endsWith(".jar"));
        }
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all.map(p -> p.getFileName().toString()).toList()).as("nothing that builds")
                    .doesNotContain("mvnw", "pom.xml", ".mvn");
        }
        Result example = run(home, List.of("config", "example"), Map.of());
        assertThat(example.exit()).as(example.output()).isZero();
        assertThat(example.stdout()).as("`config example` prints the shipped config/virtguard.example.yaml")
                .isEqualTo(Files.readString(home.resolve("config/virtguard.example.yaml")));
    }

    @Test
    void theLauncherSetsADefaultHeapThatVirtguardJavaOptsReplaces() throws Exception {
        Path home = unpack();

        Result defaults = run(home, List.of("--version"), Map.of("VIRTGUARD_JAVA_OPTS", "-XshowSettings:vm"));
        Result chosen = run(home, List.of("--version"), Map.of("VIRTGUARD_JAVA_OPTS", "-XshowSettings:vm -Xmx384m"));

        assertThat(defaults.exit()).as(defaults.output()).isZero();
        assertThat(defaults.output()).as("default heap limit").containsPattern("Max\\. Heap Size[^:]*: 2\\.00G");
        assertThat(chosen.exit()).as(chosen.output()).isZero();
        assertThat(chosen.output()).as("VIRTGUARD_JAVA_OPTS wins").containsPattern("Max\\. Heap Size[^:]*: 384\\.00M");
    }

    @Test
    void theSystemdUnitPassesSystemdAnalyzeVerify() throws Exception {
        TestEnvironment.require(onPath("systemd-analyze"), "systemd-analyze (Debian package systemd)");
        Path home = unpack();
        String unit = Files.readString(home.resolve("systemd/virtguard.service"));
        assertThat(unit).contains("User=virtguard", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "Restart=on-failure", "CapabilityBoundingSet=\n");
        // verify checks that ExecStart exists: point it at the unpacked launcher instead of /opt/virtguard
        Path copy = temp.resolve("virtguard.service");
        Files.writeString(copy, unit.replace("/opt/virtguard/", home + "/"));

        Process verify = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true)
                .start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(l -> l.contains("virtguard.service")).toList()).as(output).isEmpty();
    }

    @Test
    void serveStartsFromTheExampleConfigurationWithoutMavenAndBecomesReady() throws Exception {
        String pgUrl = System.getenv("VIRTGUARD_TEST_PG_URL");
        TestEnvironment.require(pgUrl != null && !pgUrl.isBlank(), "the test PostgreSQL database "
                + "(VIRTGUARD_TEST_PG_URL, _USER, _PASSWORD: run ./run-tests or source /work/pg/env.export)");
        Path home = unpack();
        String schema = "vg_dist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql(pgUrl, "CREATE SCHEMA " + schema);
        Process serve = null;
        Path log = temp.resolve("serve.log");
        HttpServer webhooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhooks.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhooks.start();
        ServerSocket siem = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread siemReader = new Thread(() -> drain(siem), "siem");
        siemReader.setDaemon(true);
        siemReader.start();
        try {
            int httpPort = freeTcpPort();
            Path config = exampleFilledIn(home, pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    httpPort, webhooks.getAddress().getPort(), siem.getLocalPort());
            Result validate = run(home, List.of("config", "validate", config.toString()), Map.of());
            assertThat(validate.exit()).as(validate.output()).isZero();

            serve = launcher(home, List.of("serve", "--config", config.toString()),
                    Map.of("VIRTGUARD_JAVA_OPTS", "-Xmx512m")).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            String base = "http://127.0.0.1:" + httpPort;
            HttpClient anonymous = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            JsonNode ready = awaitReady(anonymous, base, serve, log);

            assertThat(ready.fieldNames()).toIterable().as("anonymous callers get the status only")
                    .containsExactly("status");
            assertThat(get(anonymous, base + "/healthz").statusCode()).isEqualTo(200);
            assertThat(String.join(" ", Files.readAllLines(Path.of("/proc/" + serve.pid() + "/cmdline")).stream()
                    .map(l -> l.replace('\0', ' ')).toList())).contains("-Xmx512m").doesNotContain("-Xmx2g");

            HttpClient admin = login(base);
            // the first verification of a session may outlast the probe's budget on a cold, busy service: it
            // completes in the background and counts for the next call
            HttpResponse<String> detailed = get(admin, base + "/readyz");
            for (int i = 0; i < 40 && !JSON.readTree(detailed.body()).has("components"); i++) {
                Thread.sleep(250);
                detailed = get(admin, base + "/readyz");
            }
            JsonNode components = JSON.readTree(detailed.body()).path("components");
            assertThat(components.path("store").path("status").asText()).as(detailed.body()).isEqualTo("up");
            assertThat(components.path("source:kvm01").path("state").asText()).as(detailed.body())
                    .isEqualTo("fresh");
            assertThat(components.path("source:kvm01").path("lastSuccess").asText()).isNotEmpty();
            assertThat(components.path("listener:flows").path("bound").asBoolean()).as(detailed.body()).isTrue();
            assertThat(components.path("listener:syslog").path("bound").asBoolean()).as(detailed.body()).isTrue();
            assertThat(components.path("delivery:soc").has("backlog")).as(detailed.body()).isTrue();
            assertThat(components.path("delivery:siem").has("backlog")).as(detailed.body()).isTrue();
        } finally {
            if (serve != null) {
                serve.destroy();
                if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                    serve.destroyForcibly().waitFor();
                }
            }
            webhooks.stop(0);
            siem.close();
            sql(pgUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** A SIEM's syslog listener: reads whatever arrives. */
    private static void drain(ServerSocket siem) {
        while (!siem.isClosed()) {
            try (Socket s = siem.accept(); InputStream in = s.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed
            }
        }
    }

    /**
     * The shipped example with this site's values, as an operator edits it: the test database (password in a
     * file), a free HTTP port on loopback, the bundled lab host as the one source, the bundled zone and response
     * policies, free listener ports, local webhook and SIEM receivers, audit checkpoints under the test's directory,
     * and no TLS key stores or feeds.
     */
    private Path exampleFilledIn(Path home, String storeUrl, int httpPort, int webhookPort, int siemPort)
            throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(home.resolve("config/virtguard.example.yaml").toFile());
        Path etc = Files.createDirectories(temp.resolve("etc"));
        root.put("dataDir", temp.resolve("data").toString());

        ObjectNode store = (ObjectNode) root.required("store");
        store.put("url", storeUrl);
        store.put("user", System.getenv("VIRTGUARD_TEST_PG_USER"));
        store.put("passwordFile", secretFile(etc.resolve("db.password"),
                System.getenv("VIRTGUARD_TEST_PG_PASSWORD")).toString());

        ObjectNode http = (ObjectNode) root.required("http");
        http.put("bind", "127.0.0.1");
        http.put("port", httpPort);
        http.remove("tls");

        ArrayNode sources = (ArrayNode) root.required("sources");
        ObjectNode kvm = (ObjectNode) sources.get(0);
        assertThat(kvm.path("id").asText()).isEqualTo("kvm01");
        kvm.put("uri", "libvirt-dir://" + home.resolve("lab/libvirt/host-a"));
        kvm.remove("credentials");
        sources.remove(1);

        ObjectNode policy = (ObjectNode) root.required("policy");
        policy.put("zones", home.resolve("lab/policy/zones.yaml").toString());
        policy.remove("checksDirs");
        root.remove("exposure");
        ((ObjectNode) root.required("response")).put("policy", home.resolve("lab/policy/response.yaml").toString());

        ObjectNode intake = (ObjectNode) root.required("intake");
        ObjectNode flows = (ObjectNode) intake.required("flows");
        flows.put("bind", "127.0.0.1");
        flows.putArray("ports").add(freeUdpPort()).add(freeUdpPort());
        flows.put("receiveBuffer", 1 << 20);
        ObjectNode syslog = (ObjectNode) intake.required("syslog");
        syslog.put("bind", "127.0.0.1");
        syslog.put("udp", freeUdpPort());
        syslog.put("tcp", freeTcpPort());
        syslog.remove("tls");

        ObjectNode delivery = (ObjectNode) root.required("delivery");
        ArrayNode webhooks = (ArrayNode) delivery.required("webhooks");
        ((ObjectNode) webhooks.get(0)).put("url", "http://127.0.0.1:" + webhookPort + "/hooks/virtguard");
        ((ObjectNode) webhooks.get(1)).put("url", "http://127.0.0.1:" + webhookPort + "/api/virtguard");
        ((ObjectNode) webhooks.get(1)).put("secretFile", secretFile(etc.resolve("ticketing.secret"),
                WEBHOOK_SECRET).toString());
        ((ObjectNode) ((ArrayNode) delivery.required("syslog")).get(0)).put("target",
                "tcp://127.0.0.1:" + siemPort);

        if (root.has("audit")) {
            ObjectNode checkpoints = (ObjectNode) root.required("audit").required("checkpoints");
            checkpoints.put("file", temp.resolve("log/audit-checkpoints.jsonl").toString());
            checkpoints.put("keyFile", secretFile(etc.resolve("audit-checkpoint.key"),
                    "release-artifact-audit-checkpoint-key-0123456789").toString());
        }

        Path config = etc.resolve("virtguard.yaml");
        YAML.writeValue(config.toFile(), root);
        return config;
    }

    private static JsonNode awaitReady(HttpClient client, String base, Process serve, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                throw new AssertionError("serve exited with " + serve.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = get(client, base + "/readyz");
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && JSON.readTree(r.body()).path("status").asText().equals("ready")) {
                    return JSON.readTree(r.body());
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/readyz did not say ready within 120 s; last: " + last + "\nlog:\n"
                + Files.readString(log));
    }

    private static HttpClient login(String base) throws IOException, InterruptedException {
        HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        return session;
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Unpacks the tarball with tar into a fresh directory; returns its top directory. */
    private Path unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("virtguard.release.tarball", "target/missing.tar.gz"));
        assertThat(tarball).as("the release artifact (built by ./mvnw package)").isRegularFile();
        Path into = Files.createDirectories(temp.resolve("unpacked"));
        Path home = into.resolve("virtguard-" + System.getProperty("virtguard.release.version"));
        if (Files.isDirectory(home)) {
            return home;
        }
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(output).isZero();
        assertThat(home).isDirectory();
        return home;
    }

    private ProcessBuilder launcher(Path home, List<String> args, Map<String, String> extra) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/virtguard").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(Files.createDirectories(temp.resolve("cwd")).toFile());
        Map<String, String> env = pb.environment();
        Map<String, String> keep = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.equals("LANG") || k.startsWith("LC_") || k.equals("TZ")) {
                keep.put(k, v);
            }
        });
        env.clear();
        env.putAll(keep);
        env.put("PATH", toolsOnly().toString());
        env.put("HOME", Files.createDirectories(temp.resolve("home")).toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("VIRTGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("VIRTGUARD_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.putAll(extra);
        return pb;
    }

    private Result run(Path home, List<String> args, Map<String, String> extra) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process p = launcher(home, args, extra).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/virtguard " + args + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static Path secretFile(Path file, String secret) throws IOException {
        Files.writeString(file, secret + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, System.getenv("VIRTGUARD_TEST_PG_USER"),
                System.getenv("VIRTGUARD_TEST_PG_PASSWORD")); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A directory with links to {@link #TOOLS} only, to be the launcher's whole PATH. */
    private Path toolsOnly() throws IOException {
        Path bin = temp.resolve("path");
        if (!Files.isDirectory(bin)) {
            Files.createDirectories(bin);
            for (String tool : TOOLS) {
                Path found = findOnPath(tool, "/usr/bin:/bin");
                assertThat(found).as(tool).isNotNull();
                Files.createSymbolicLink(bin.resolve(tool), found);
            }
        }
        return bin;
    }

    private static boolean onPath(String tool) {
        return findOnPath(tool, System.getenv().getOrDefault("PATH", "/usr/bin:/bin")) != null
                || findOnPath(tool, "/usr/bin:/bin") != null;
    }

    private static Path findOnPath(String tool, String path) {
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
