package org.virtguard.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a libvirt test-driver lab: one node file per simulated host, each with its own domains
 * (1–3 NICs on a handful of networks) and networks, reproducible from a seed.
 */
public final class TestDriverLabGenerator {

    private static final String[] NETWORKS = {"default", "prod", "dmz", "mgmt", "backup"};
    private static final String[] ROLES = {"web", "app", "db", "cache", "batch", "jump", "mail", "dns"};

    private final int hosts;
    private final int vmsPerHost;
    private final long seed;

    public TestDriverLabGenerator(int hosts, int vmsPerHost, long seed) {
        this.hosts = hosts;
        this.vmsPerHost = vmsPerHost;
        this.seed = seed;
    }

    /** Writes {@code host-NNN.xml} files into {@code dir} and returns their paths. */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            Path file = dir.resolve(String.format("host-%03d.xml", h));
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeNode(out, h, random);
            }
            files.add(file);
        }
        return files;
    }

    private void writeNode(Writer out, int host, Random random) throws IOException {
        StringBuilder xml = new StringBuilder(vmsPerHost * 1600);
        xml.append("<node>\n  <cpu><mhz>2400</mhz><model>x86_64</model><active>64</active><nodes>2</nodes>")
                .append("<sockets>2</sockets><cores>16</cores><threads>2</threads></cpu>\n")
                .append("  <memory>").append(512L * 1024 * 1024).append("</memory>\n");
        for (int n = 0; n < NETWORKS.length; n++) {
            xml.append("  <network><name>").append(NETWORKS[n]).append("</name><uuid>")
                    .append(uuid(random)).append("</uuid><bridge name='virbr").append(n).append("'/>");
            if (n == 0) {
                xml.append("<forward mode='nat'/>");
            }
            xml.append("<ip address='10.").append(host % 250).append('.').append(n).append(".1' netmask='255.255.255.0'/>")
                    .append("</network>\n");
        }
        for (int v = 0; v < vmsPerHost; v++) {
            writeDomain(xml, host, v, random);
        }
        xml.append("</node>\n");
        out.write(xml.toString());
    }

    private static void writeDomain(StringBuilder xml, int host, int vm, Random random) {
        String name = ROLES[random.nextInt(ROLES.length)] + String.format("-%03d-%03d", host, vm);
        boolean running = random.nextInt(10) < 8;
        xml.append("  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n")
                .append("    <name>").append(name).append("</name>\n")
                .append("    <uuid>").append(uuid(random)).append("</uuid>\n")
                .append("    <memory unit='MiB'>").append(1024 << random.nextInt(4)).append("</memory>\n")
                .append("    <vcpu>").append(1 + random.nextInt(8)).append("</vcpu>\n")
                .append("    <os><type>hvm</type></os>\n")
                .append("    <devices>\n")
                .append("      <disk type='file' device='disk'><source file='/var/lib/libvirt/images/")
                .append(name).append(".qcow2'/><target dev='vda' bus='virtio'/></disk>\n");
        int nics = 1 + random.nextInt(3);
        for (int i = 0; i < nics; i++) {
            xml.append("      <interface type='network'><mac address='52:54:00:")
                    .append(hex(host)).append(':').append(hex(vm)).append(':').append(hex(i * 16 + random.nextInt(16)))
                    .append("'/><source network='").append(NETWORKS[random.nextInt(NETWORKS.length)])
                    .append("'/><model type='virtio'/>");
            if (random.nextBoolean()) {
                xml.append("<filterref filter='clean-traffic'/>");
            }
            xml.append("</interface>\n");
        }
        if (random.nextInt(4) == 0) {
            xml.append("      <graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0'/>\n");
        } else {
            xml.append("      <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' passwd='x'/>\n");
        }
        xml.append("    </devices>\n");
        if (!running) {
            xml.append("    <test:runstate>5</test:runstate>\n");
        }
        xml.append("  </domain>\n");
    }

    private static String hex(int value) {
        return String.format("%02x", value & 0xff);
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: TestDriverLabGenerator <dir> [hosts=50] [vmsPerHost=200] [seed=42]");
            System.exit(2);
        }
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int vms = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
        List<Path> files = new TestDriverLabGenerator(hosts, vms, seed).write(Path.of(args[0]));
        System.out.println("wrote " + files.size() + " node files with " + hosts * vms + " domains to " + args[0]);
    }
}
