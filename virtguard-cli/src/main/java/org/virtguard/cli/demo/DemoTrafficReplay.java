package org.virtguard.cli.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays lab traffic into a running service's listeners over loopback UDP: a recorded authentication log as
 * syslog datagrams, moved in time so that its last line happens now, and NetFlow v5 export datagrams for traffic
 * between the lab's trust zones (allowed web and application traffic, administration from the management network,
 * a forbidden SSH connection from the DMZ into the internal zone, and a port scan from the DMZ).
 */
public final class DemoTrafficReplay {

    private static final Pattern ISO_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})");
    private static final int V5_HEADER = 24;
    private static final int V5_RECORD = 48;
    private static final int V5_MAX_RECORDS = 30;
    private static final long UPTIME_MILLIS = 3_600_000;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int SYN = 0x02;
    private static final int SESSION = 0x1b;

    private final InetAddress target;
    private long flowSequence;

    /** Replays to listeners on {@code target} (the loopback address in the demo). */
    public DemoTrafficReplay(InetAddress target) {
        this.target = target;
    }

    /**
     * Sends each line of {@code logFile} as one syslog datagram to {@code port}, its timestamps moved so that the
     * last line is stamped {@code now}.
     *
     * @return the datagrams sent
     */
    public int replayAuthLog(Path logFile, int port, Instant now) throws IOException {
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Duration shift = Duration.ZERO;
        for (int i = lines.size() - 1; i >= 0; i--) {
            Instant last = firstTimestamp(lines.get(i));
            if (last != null) {
                shift = Duration.between(last, now);
                break;
            }
        }
        try (DatagramSocket socket = new DatagramSocket(0, target)) {
            for (String line : lines) {
                byte[] data = shifted(line, shift).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(data, data.length, target, port));
            }
        }
        return lines.size();
    }

    static String shifted(String line, Duration shift) {
        Matcher m = ISO_TIME.matcher(line);
        StringBuilder out = new StringBuilder(line.length());
        while (m.find()) {
            String replacement;
            try {
                replacement = OffsetDateTime.parse(m.group()).toInstant().plus(shift).truncatedTo(ChronoUnit.MILLIS)
                        .toString();
            } catch (DateTimeParseException e) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Instant firstTimestamp(String line) {
        Matcher m = ISO_TIME.matcher(line);
        if (!m.find()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(m.group()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Sends the lab's zone-to-zone traffic of the last few seconds before {@code now} as NetFlow v5 datagrams to
     * {@code port}.
     *
     * @return the datagrams sent
     */
    public int sendLabFlows(int port, Instant now) throws IOException {
        List<Flow> flows = labFlows();
        int sent = 0;
        try (DatagramSocket socket = new DatagramSocket(0, target)) {
            for (int from = 0; from < flows.size(); from += V5_MAX_RECORDS) {
                byte[] data = netflowV5(flows.subList(from, Math.min(flows.size(), from + V5_MAX_RECORDS)), now);
                socket.send(new DatagramPacket(data, data.length, target, port));
                sent++;
            }
        }
        return sent;
    }

    /** One unidirectional flow record ending {@code agoMillis} before the export. */
    record Flow(String src, int srcPort, String dst, int dstPort, int protocol, int tcpFlags, long packets,
                long bytes, long agoMillis) {
    }

    static List<Flow> labFlows() {
        List<Flow> flows = new ArrayList<>();
        String web01 = "192.168.122.10";
        String db01 = "192.168.123.20";
        String app = "192.168.123.31";
        String web02 = "172.20.20.15";
        String partner = "172.20.21.40";
        String jump01 = "10.10.0.5";
        // internal clients browse the DMZ web server; the replies come back
        for (int i = 0; i < 6; i++) {
            int client = 51_200 + i;
            flows.add(new Flow(web01, client, web02, 443, TCP, SESSION, 14, 2_900, 15_000 - i * 900L));
            flows.add(new Flow(web02, 443, web01, client, TCP, SESSION, 22, 31_400, 15_000 - i * 900L));
        }
        for (int i = 0; i < 3; i++) {
            flows.add(new Flow(app, 43_010 + i, web02, 80, TCP, SESSION, 8, 1_100, 12_000 - i * 1_500L));
        }
        // the DMZ web server calls the internal application tier and resolves names internally
        for (int i = 0; i < 4; i++) {
            int client = 38_400 + i;
            flows.add(new Flow(web02, client, app, 8443, TCP, SESSION, 11, 4_200, 11_000 - i * 1_000L));
            flows.add(new Flow(app, 8443, web02, client, TCP, SESSION, 12, 18_600, 11_000 - i * 1_000L));
        }
        flows.add(new Flow(web02, 53_001, "192.168.122.2", 53, UDP, 0, 1, 74, 9_000));
        // inside the internal zone: the web tier talks to its database
        for (int i = 0; i < 6; i++) {
            flows.add(new Flow(web01, 47_000 + i, db01, 5432, TCP, SESSION, 20, 6_400, 14_000 - i * 1_200L));
        }
        // administration from the jump host on the management network
        flows.add(new Flow(jump01, 50_122, web01, 22, TCP, SESSION, 140, 23_000, 8_000));
        flows.add(new Flow(jump01, 50_140, "10.11.0.1", 16514, TCP, SESSION, 60, 12_800, 7_000));
        // forbidden: SSH from the DMZ web server into the internal database VM
        flows.add(new Flow(web02, 45_522, db01, 22, TCP, SESSION, 38, 5_800, 6_000));
        flows.add(new Flow(db01, 22, web02, 45_522, TCP, SESSION, 31, 7_200, 6_000));
        // forbidden: a partner-VLAN machine sweeps the ports of an internal VM and probes a hypervisor's SSH
        for (int p = 1; p <= 120; p++) {
            flows.add(new Flow(partner, 61_000, "192.168.124.10", p, TCP, SYN, 1, 44, 4_000 - p * 10L));
        }
        flows.add(new Flow(partner, 61_001, "10.12.0.1", 22, TCP, SYN, 2, 88, 2_000));
        return flows;
    }

    private byte[] netflowV5(List<Flow> flows, Instant now) {
        ByteBuffer b = ByteBuffer.allocate(V5_HEADER + V5_RECORD * flows.size());
        long nowMillis = now.toEpochMilli();
        b.putShort((short) 5);
        b.putShort((short) flows.size());
        b.putInt((int) UPTIME_MILLIS);
        b.putInt((int) (nowMillis / 1000));
        b.putInt((int) (nowMillis % 1000 * 1_000_000));
        b.putInt((int) flowSequence);
        flowSequence += flows.size();
        b.put((byte) 0);
        b.put((byte) 0);
        b.putShort((short) 0);
        for (Flow f : flows) {
            long last = UPTIME_MILLIS - f.agoMillis();
            b.put(address(f.src()));
            b.put(address(f.dst()));
            b.putInt(0);
            b.putShort((short) 1);
            b.putShort((short) 2);
            b.putInt((int) f.packets());
            b.putInt((int) f.bytes());
            b.putInt((int) Math.max(0, last - 1_500));
            b.putInt((int) last);
            b.putShort((short) f.srcPort());
            b.putShort((short) f.dstPort());
            b.put((byte) 0);
            b.put((byte) f.tcpFlags());
            b.put((byte) f.protocol());
            b.put((byte) 0);
            b.putShort((short) 0);
            b.putShort((short) 0);
            b.put((byte) 24);
            b.put((byte) 24);
            b.putShort((short) 0);
        }
        return b.array();
    }

    private static byte[] address(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }
}
