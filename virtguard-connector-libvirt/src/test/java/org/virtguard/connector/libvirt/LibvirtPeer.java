package org.virtguard.connector.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.virtguard.connector.tck.TestEnvironment;

/**
 * A second libvirtd with QEMU on this machine, so that a real live migration can happen between two hypervisors
 * with different host UUIDs: {@code libvirt-peer.sh} runs it in a network namespace of its own (reached over a veth
 * pair at {@code 10.254.N.2}, {@code qemu+tcp} without authentication, reachable only from this machine) and a mount
 * namespace with private run, state, cache, log and configuration directories. {@link #close()} kills everything in
 * the namespace and removes it. Needs root, {@code ip}, {@code unshare} and the libvirt daemon binaries. Public (and
 * shipped in this module's test jar) so that service-level tests in other modules can migrate guests to it.
 */
public final class LibvirtPeer implements AutoCloseable {

    private final String name;
    private final Path state;
    private final Path script;
    private final String address;
    private final String hostSideAddress;
    private final String hostUuid;

    private LibvirtPeer(String name, Path state, Path script, int n, String hostUuid) {
        this.name = name;
        this.state = state;
        this.script = script;
        this.address = "10.254." + n + ".2";
        this.hostSideAddress = "10.254." + n + ".1";
        this.hostUuid = hostUuid;
    }

    /** Starts a peer daemon; skips (or fails under strict mode) where this process may not. */
    static LibvirtPeer start(QemuHost qemu) throws IOException, InterruptedException {
        return besides(qemu.uri());
    }

    /**
     * Starts a peer daemon beside the machine's own libvirtd at {@code localUri}; skips (or fails under strict mode)
     * unless that is {@code qemu:///system} and this process runs as root.
     */
    public static LibvirtPeer besides(String localUri) throws IOException, InterruptedException {
        TestEnvironment.require("root".equals(System.getProperty("user.name")) && "qemu:///system".equals(localUri)
                        && Files.isExecutable(Path.of("/usr/sbin/libvirtd")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "root on the libvirtd host with /usr/sbin/libvirtd and unshare (a second libvirtd for a live migration)");
        int n = ThreadLocalRandom.current().nextInt(100, 250);
        String name = "vgpeer" + n;
        Path state = Files.createTempDirectory("virtguard-libvirt-peer-");
        Path script = state.resolveSibling(state.getFileName() + ".sh");
        try (InputStream in = LibvirtPeer.class.getResourceAsStream("libvirt-peer.sh")) {
            Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        LibvirtPeer peer = new LibvirtPeer(name, state, script, n, UUID.randomUUID().toString());
        try {
            peer.run("start", name, String.valueOf(n), state.toString(), peer.hostUuid);
        } catch (IOException | RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** The peer's URI, e.g. {@code qemu+tcp://10.254.123.2/system}. */
    public String uri() {
        return "qemu+tcp://" + address + "/system";
    }

    /** Where QEMU on this machine sends the migration stream to reach the peer's QEMU. */
    public String migrationUri() {
        return "tcp://" + address;
    }

    /** Where the peer's QEMU sends the migration stream to reach QEMU on this machine (the veth pair's near end). */
    public String hostSideMigrationUri() {
        return "tcp://" + hostSideAddress;
    }

    /** The host UUID the peer reports. */
    public String hostUuid() {
        return hostUuid;
    }

    @Override
    public void close() {
        try {
            run("stop", name, state.toString());
        } catch (IOException | InterruptedException | AssertionError e) {
            System.err.println("LibvirtPeer cleanup: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException e) {
                System.err.println("LibvirtPeer cleanup: " + e.getMessage());
            }
        }
    }

    private void run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = script.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("libvirt-peer.sh " + String.join(" ", args) + " failed: " + out);
        }
    }
}
