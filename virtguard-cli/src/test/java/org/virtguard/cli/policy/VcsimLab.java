package org.virtguard.cli.policy;

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

/** A vcsim process (the connector's Go harness) on a free loopback port; its password is passed by environment. */
final class VcsimLab implements AutoCloseable {

    static final String USER = "virtguard";
    private static final String GOPATH = "/usr/share/gocode";

    final Process process;
    final String url;
    final String sha256;
    final String password;

    private VcsimLab(Process process, String url, String sha256, String password) {
        this.process = process;
        this.url = url;
        this.sha256 = sha256;
        this.password = password;
    }

    static VcsimLab start() throws Exception {
        TestEnvironment.require(Files.isDirectory(Path.of(GOPATH, "src/github.com/vmware/govmomi/simulator"))
                && Files.isExecutable(Path.of("/usr/bin/go")),
                "vcsim (Debian packages golang-go and golang-github-vmware-govmomi-dev)");
        Path binary = binary();
        String password = "policy-" + Long.toHexString(System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-user", USER, "-hosts", "1", "-cluster-hosts", "1",
                "-portgroups", "2").redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("VCSIM_PASSWORD", password);
        Process p = pb.start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IllegalStateException("vcsim did not start: " + line);
        }
        String[] parts = line.split(" ");
        return new VcsimLab(p, parts[1], parts[2], password);
    }

    int port() {
        return java.net.URI.create(url).getPort();
    }

    private static synchronized Path binary() throws Exception {
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
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
