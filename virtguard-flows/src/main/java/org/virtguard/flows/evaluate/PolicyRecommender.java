package org.virtguard.flows.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Endpoint;

/**
 * Policy learning: from a window of observed flows, proposes a least-privilege allowlist — for each pair of zones
 * and each pair of VMs, exactly the protocols and server ports seen — and writes it as a segmentation policy file,
 * nftables rules, or libvirt nwfilter XML, for people to review. Replies are folded into the connection they
 * answer (lower service port), so only client-to-server rules come out. Bounded: at most {@code maxEntries}
 * distinct (pair, protocol, port) entries are learnt.
 */
public final class PolicyRecommender {

    /** One learnt permission. */
    public record Permission(String from, String to, int protocol, int port, long flows) {
    }

    private final int maxEntries;
    private final Map<String, long[]> zoneEntries = new TreeMap<>();
    private final Map<String, long[]> vmEntries = new TreeMap<>();
    private final Map<String, Set<String>> zoneAddresses = new TreeMap<>();
    private final Map<String, Set<String>> vmAddresses = new TreeMap<>();
    private long ignored;

    /** A recommender keeping at most {@code maxEntries} entries per level. */
    public PolicyRecommender(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Learns from one attributed flow. */
    public void observe(FlowContext flow) {
        FlowRecord r = flow.record;
        boolean reply = (r.protocol == 6 || r.protocol == 17) && r.srcPort < r.dstPort && r.srcPort < 49_152
                && !(r.protocol == 6 && (r.tcpFlags & 0x12) == 0x02);
        Endpoint client = reply ? flow.destination : flow.source;
        Endpoint server = reply ? flow.source : flow.destination;
        String clientAddress = reply ? r.dstAddress() : r.srcAddress();
        String serverAddress = reply ? r.srcAddress() : r.dstAddress();
        int port = (r.protocol == 6 || r.protocol == 17 || r.protocol == 132) ? (reply ? r.srcPort : r.dstPort) : -1;
        if (client.zone() != null && server.zone() != null && !client.zone().name().equals(server.zone().name())) {
            learn(zoneEntries, client.zone().name(), server.zone().name(), r.protocol, port);
            remember(zoneAddresses, client.zone().name(), clientAddress);
            remember(zoneAddresses, server.zone().name(), serverAddress);
        }
        if (client.vmName() != null && server.vmName() != null && !client.vmName().equals(server.vmName())) {
            learn(vmEntries, client.vmName(), server.vmName(), r.protocol, port);
            remember(vmAddresses, client.vmName(), clientAddress);
            remember(vmAddresses, server.vmName(), serverAddress);
        }
    }

    private void learn(Map<String, long[]> entries, String from, String to, int protocol, int port) {
        String key = from + "\u0000" + to + "\u0000" + protocol + "\u0000" + port;
        long[] count = entries.get(key);
        if (count == null) {
            if (entries.size() >= maxEntries) {
                ignored++;
                return;
            }
            entries.put(key, count = new long[1]);
        }
        count[0]++;
    }

    private void remember(Map<String, Set<String>> addresses, String name, String address) {
        Set<String> set = addresses.computeIfAbsent(name, k -> new TreeSet<>());
        if (set.size() < 4096) {
            set.add(address);
        }
    }

    /** Flows not learnt because the entry limit was reached. */
    public long ignored() {
        return ignored;
    }

    /** Zone-to-zone permissions, sorted. */
    public List<Permission> zonePermissions() {
        return permissions(zoneEntries);
    }

    /** VM-to-VM permissions, sorted. */
    public List<Permission> vmPermissions() {
        return permissions(vmEntries);
    }

    private static List<Permission> permissions(Map<String, long[]> entries) {
        List<Permission> out = new ArrayList<>();
        entries.forEach((k, v) -> {
            String[] p = k.split("\u0000");
            out.add(new Permission(p[0], p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), v[0]));
        });
        return out;
    }

    /**
     * The zone allowlist as the {@code segmentation:} section of a zone policy file (default deny between zones),
     * to be reviewed and pasted into the zone policy.
     */
    public String yaml() {
        StringBuilder sb = new StringBuilder("# Proposed by VirtGuard from observed flows: review, then put this "
                + "section into your zone policy (zones.yaml).\n")
                .append("segmentation:\n  betweenZones: deny\n  withinZone: allow\n  rules:\n");
        for (Permission p : zonePermissions()) {
            sb.append("    - {name: \"").append(p.from()).append("-to-").append(p.to()).append('-')
                    .append(SegmentationDetector.protocolName(p.protocol())).append(p.port() >= 0 ? "-" + p.port() : "")
                    .append("\", from: \"").append(p.from()).append("\", to: \"").append(p.to()).append("\", protocol: ")
                    .append(p.protocol());
            if (p.port() >= 0) {
                sb.append(", ports: [").append(p.port()).append(']');
            }
            sb.append("}  # ").append(p.flows()).append(" flows\n");
        }
        return sb.toString();
    }

    /** The zone allowlist as an nftables table: one address set per zone, accepted flows, then drop. */
    public String nftables() {
        StringBuilder sb = new StringBuilder("# Proposed by VirtGuard from observed flows: review before use.\n")
                .append("table inet virtguard_segmentation {\n");
        zoneAddresses.forEach((zone, addresses) -> {
            List<String> v4 = addresses.stream().filter(a -> a.indexOf(':') < 0).toList();
            List<String> v6 = addresses.stream().filter(a -> a.indexOf(':') >= 0).toList();
            if (!v4.isEmpty()) {
                sb.append("  set ").append(setName(zone, 4)).append(" { type ipv4_addr; elements = { ")
                        .append(String.join(", ", v4)).append(" } }\n");
            }
            if (!v6.isEmpty()) {
                sb.append("  set ").append(setName(zone, 6)).append(" { type ipv6_addr; elements = { ")
                        .append(String.join(", ", v6)).append(" } }\n");
            }
        });
        sb.append("  chain forward {\n    type filter hook forward priority 0; policy accept;\n")
                .append("    ct state established,related accept\n");
        for (Permission p : zonePermissions()) {
            for (int family : new int[] {4, 6}) {
                if (!hasFamily(p.from(), family) || !hasFamily(p.to(), family)) {
                    continue;
                }
                String ip = family == 4 ? "ip" : "ip6";
                sb.append("    ").append(ip).append(" saddr @").append(setName(p.from(), family)).append(' ')
                        .append(ip).append(" daddr @").append(setName(p.to(), family)).append(' ')
                        .append(match(p)).append(" accept\n");
            }
        }
        for (String from : zoneAddresses.keySet()) {
            for (String to : zoneAddresses.keySet()) {
                for (int family : new int[] {4, 6}) {
                    if (!from.equals(to) && hasFamily(from, family) && hasFamily(to, family)) {
                        String ip = family == 4 ? "ip" : "ip6";
                        sb.append("    ").append(ip).append(" saddr @").append(setName(from, family)).append(' ')
                                .append(ip).append(" daddr @").append(setName(to, family)).append(" drop\n");
                    }
                }
            }
        }
        return sb.append("  }\n}\n").toString();
    }

    private boolean hasFamily(String zone, int family) {
        return zoneAddresses.getOrDefault(zone, Set.of()).stream().anyMatch(a -> (a.indexOf(':') >= 0) == (family == 6));
    }

    private static String setName(String zone, int family) {
        return "zone_" + zone.replaceAll("[^A-Za-z0-9_]", "_") + "_v" + family;
    }

    private static String match(Permission p) {
        return switch (p.protocol()) {
            case 6 -> "tcp dport " + p.port();
            case 17 -> "udp dport " + p.port();
            case 132 -> "sctp dport " + p.port();
            case 1 -> "meta l4proto icmp";
            case 58 -> "meta l4proto ipv6-icmp";
            default -> "meta l4proto " + p.protocol();
        };
    }

    /**
     * Per-VM libvirt nwfilter XML: each VM may open exactly the connections it was seen opening, and accept those
     * it was seen serving; established traffic passes; everything else is dropped.
     */
    public String nwfilter() {
        StringBuilder sb = new StringBuilder("<!-- Proposed by VirtGuard from observed flows: review before use. -->\n")
                .append("<filters>\n");
        Set<String> vms = new TreeSet<>(vmAddresses.keySet());
        for (String vm : vms) {
            sb.append("  <filter name='virtguard-").append(xml(vm.replaceAll("[^A-Za-z0-9_.-]", "_")))
                    .append("' chain='root'>\n")
                    .append("    <rule action='accept' direction='inout' priority='100'><all state='ESTABLISHED,RELATED'/></rule>\n");
            for (Permission p : vmPermissions()) {
                if (p.from().equals(vm)) {
                    rule(sb, "out", p, "dstipaddr", vmAddresses.get(p.to()));
                }
                if (p.to().equals(vm)) {
                    rule(sb, "in", p, "srcipaddr", vmAddresses.get(p.from()));
                }
            }
            sb.append("    <rule action='drop' direction='inout' priority='1000'><all/></rule>\n  </filter>\n");
        }
        return sb.append("</filters>\n").toString();
    }

    private static void rule(StringBuilder sb, String direction, Permission p, String peerAttribute,
                             Set<String> peers) {
        for (String peer : peers == null ? Set.<String>of() : peers) {
            boolean v6 = peer.indexOf(':') >= 0;
            String element = switch (p.protocol()) {
                case 6 -> v6 ? "tcp-ipv6" : "tcp";
                case 17 -> v6 ? "udp-ipv6" : "udp";
                case 1 -> "icmp";
                case 58 -> "icmpv6";
                default -> v6 ? "all-ipv6" : "all";
            };
            sb.append("    <rule action='accept' direction='").append(direction).append("' priority='500'><")
                    .append(element).append(' ').append(peerAttribute).append("='").append(xml(peer)).append('\'');
            if (p.port() >= 0 && (p.protocol() == 6 || p.protocol() == 17)) {
                sb.append(direction.equals("out") ? " dstportstart='" : " dstportstart='").append(p.port()).append('\'');
            }
            sb.append(" state='NEW'/></rule>\n");
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
