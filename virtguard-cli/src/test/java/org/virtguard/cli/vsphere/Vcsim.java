package org.virtguard.cli.vsphere;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.virtguard.connector.tck.TestEnvironment;

/**
 * The vSphere connector's vcsim harness ({@code virtguard-connector-vsphere/src/test/go/vcsim/main.go}), built once
 * per source hash into {@code ~/.cache/virtguard/vcsim/} and run on a free loopback port. The password reaches it
 * through its environment only.
 */
final class Vcsim implements AutoCloseable {

    static final String USER = "virtguard";
    private static final String GOPATH = "/usr/share/gocode";

    final Process process;
    final int port;
    final String sha256;
    final String password;

    private Vcsim(Process process, int port, String sha256, String password) {
        this.process = process;
        this.port = port;
        this.sha256 = sha256;
        this.password = password;
    }

    static Vcsim start() throws Exception {
        TestEnvironment.require(Files.isDirectory(Path.of(GOPATH, "src/github.com/vmware/govmomi/simulator"))
                && Files.isExecutable(Path.of("/usr/bin/go")),
                "vcsim (Debian packages golang-go and golang-github-vmware-govmomi-dev)");
        Path binary = build();
        String password = "cli-" + Long.toHexString(System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-user", USER)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("VCSIM_PASSWORD", password);
        Process p = pb.start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IllegalStateException("vcsim did not start: " + line);
        }
        String[] parts = line.split(" ");
        return new Vcsim(p, java.net.URI.create(parts[1]).getPort(), parts[2], password);
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
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", "vcsim", "main.go").directory(work.toFile())
                .redirectErrorStream(true);
        pb.environment().put("GO111MODULE", "off");
        pb.environment().put("GOPATH", GOPATH);
        pb.environment().put("GOCACHE", dir.getParent().resolve("go-build").toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("building vcsim failed: " + log);
        }
        Files.move(work.resolve("vcsim"), binary, StandardCopyOption.ATOMIC_MOVE);
        return binary;
    }

    @Override
    public void close() {
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
