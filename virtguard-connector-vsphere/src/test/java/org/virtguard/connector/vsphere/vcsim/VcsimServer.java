package org.virtguard.connector.vsphere.vcsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.virtguard.connector.tck.TestEnvironment;

/**
 * Builds (once per source hash, cached under {@code ~/.cache/virtguard/vcsim/}) and runs the vcsim harness in
 * {@code src/test/go/vcsim/main.go} with Debian's {@code golang-go} and {@code golang-github-vmware-govmomi-dev}.
 * The password reaches the simulator through its environment, never its command line.
 */
public final class VcsimServer implements AutoCloseable {

    public static final String USER = "virtguard";
    public static final String GOPATH = "/usr/share/gocode";
    private static final Path GOVMOMI = Path.of(GOPATH, "src/github.com/vmware/govmomi/simulator");

    private final Process process;
    private final String url;
    private final String sha256;
    private final String sha1;
    private final String password;

    private VcsimServer(Process process, String url, String sha256, String sha1, String password) {
        this.process = process;
        this.url = url;
        this.sha256 = sha256;
        this.sha1 = sha1;
        this.password = password;
    }

    /** Skips (or fails under VIRTGUARD_REQUIRE_SERVICES=1) when Go or govmomi are missing, then starts vcsim. */
    public static VcsimServer start(int clusterHosts, int standaloneHosts, int vmsPerPool) throws Exception {
        return start(List.of("-cluster-hosts", Integer.toString(clusterHosts), "-hosts",
                Integer.toString(standaloneHosts), "-vms", Integer.toString(vmsPerPool)));
    }

    /**
     * Starts vcsim with the harness's own flags ({@code -cluster-hosts}, {@code -hosts}, {@code -vms},
     * {@code -portgroups}, see {@code src/test/go/vcsim/main.go}); skips or fails like
     * {@link #start(int, int, int)} when the toolchain is missing.
     */
    public static VcsimServer start(List<String> flags) throws Exception {
        TestEnvironment.require(goAvailable() && Files.isDirectory(GOVMOMI),
                "vcsim (Debian packages golang-go and golang-github-vmware-govmomi-dev)");
        Path binary = build();
        String password = "vcsim-" + Long.toHexString(System.nanoTime());
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-user", USER));
        cmd.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("VCSIM_PASSWORD", password);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IllegalStateException("vcsim did not start: " + line);
        }
        String[] parts = line.split(" ");
        return new VcsimServer(p, parts[1], parts[2], parts[3], password);
    }

    private static boolean goAvailable() {
        try {
            Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static synchronized Path build() throws Exception {
        Path source = TestEnvironment.repoRoot().resolve("virtguard-connector-vsphere/src/test/go/vcsim/main.go");
        byte[] code = Files.readAllBytes(source);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code)).substring(0, 16);
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "virtguard", "vcsim", hash);
        Path binary = dir.resolve("vcsim");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "build");
        Files.write(work.resolve("main.go"), code);
        Path tmpBinary = work.resolve("vcsim");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", tmpBinary.toString(), "main.go")
                .directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GO111MODULE", "off");
        env.put("GOPATH", GOPATH);
        env.put("GOCACHE", dir.getParent().resolve("go-build").toString());
        env.put("GOFLAGS", "");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("building vcsim failed: " + log);
        }
        Files.move(tmpBinary, binary, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(work.resolve("main.go"));
        Files.deleteIfExists(work);
        return binary;
    }

    /** The SDK URL, e.g. {@code https://127.0.0.1:40123/sdk}. */
    public String url() {
        return url;
    }

    public int port() {
        return java.net.URI.create(url).getPort();
    }

    public String sha256Thumbprint() {
        return sha256;
    }

    public String sha1Thumbprint() {
        return sha1;
    }

    /** The test password, for credentials given to the connector. */
    public String password() {
        return password;
    }

    /** {@code vsphere://virtguard@127.0.0.1:port} */
    public String sourceUri() {
        return "vsphere://" + USER + "@127.0.0.1:" + port();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the simulator at once (for connection-loss tests). */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process is destroyed below anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
