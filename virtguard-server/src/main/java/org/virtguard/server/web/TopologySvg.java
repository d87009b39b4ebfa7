package org.virtguard.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.virtguard.server.query.TopologyNode;

/**
 * The topology drawn as SVG on the server: sites contain clusters, clusters contain hosts, hosts contain their
 * VMs as squares coloured by trust zone, each a link to its page. A host with more VMs than
 * {@link #DETAIL_LIMIT} (or every host, once the whole picture holds more than {@link #TOTAL_DETAIL_LIMIT} VMs)
 * is drawn as a bar of its zones with counts and an "expand" link that draws it VM by VM. Hosts whose VMs span
 * more than one zone have a red border and the words "mixed trust". No script is involved.
 */
public final class TopologySvg {

    /** Hosts with at most this many VMs are drawn VM by VM. */
    public static final int DETAIL_LIMIT = 48;
    /** Above this many VMs in the picture, only expanded hosts are drawn VM by VM. */
    public static final int TOTAL_DETAIL_LIMIT = 1500;

    /** Fill colours of the zone classes {@code zone-c0..7} of {@link Html#zoneClass}, and of no zone. */
    private static final String[] FILL = {"#3b82f6", "#22c55e", "#ef4444", "#f59e0b", "#8b5cf6", "#06b6d4", "#ec4899",
            "#6b7280"};
    private static final String NO_ZONE_FILL = "#cbd5e1";

    private static final int HOST_W = 210;
    private static final int GAP = 10;
    private static final int HOSTS_PER_ROW = 6;
    private static final int CELL = 12;
    private static final int CELL_GAP = 2;
    private static final int PER_LINE = (HOST_W - 2 * 8 + CELL_GAP) / (CELL + CELL_GAP);
    private static final int HEADER = 36;
    private static final int PAD = 8;

    private TopologySvg() {
    }

    /** Whether hosts are drawn VM by VM by default, for a picture of {@code vmCount} VMs. */
    public static boolean detailed(int vmCount) {
        return vmCount <= TOTAL_DETAIL_LIMIT;
    }

    /**
     * The SVG of the sites.
     *
     * @param sites    the topology tree
     * @param expanded host ids drawn VM by VM whatever their size
     * @param link     builds the topology page's URL that expands one more host
     */
    public static String render(List<TopologyNode> sites, Set<String> expanded, java.util.function.Function<String, String> link) {
        int vmCount = 0;
        for (TopologyNode s : sites) {
            for (TopologyNode c : s.children()) {
                for (TopologyNode h : c.children()) {
                    vmCount += h.children().size();
                }
            }
        }
        boolean detailByDefault = detailed(vmCount);
        StringBuilder body = new StringBuilder();
        Map<String, Integer> legend = new TreeMap<>();
        int y = PAD;
        int width = PAD * 2 + HOSTS_PER_ROW * (HOST_W + GAP) + 2 * GAP;
        for (TopologyNode site : sites) {
            int siteTop = y;
            y += 26;
            StringBuilder siteBody = new StringBuilder();
            for (TopologyNode cluster : site.children()) {
                int clusterTop = y;
                y += 24;
                StringBuilder clusterBody = new StringBuilder();
                List<TopologyNode> hosts = cluster.children();
                for (int row = 0; row * HOSTS_PER_ROW < hosts.size(); row++) {
                    int rowHeight = 0;
                    for (int i = row * HOSTS_PER_ROW; i < Math.min(hosts.size(), (row + 1) * HOSTS_PER_ROW); i++) {
                        TopologyNode host = hosts.get(i);
                        boolean detail = expanded.contains(host.id())
                                || detailByDefault && host.children().size() <= DETAIL_LIMIT;
                        int x = PAD + 2 * GAP + (i % HOSTS_PER_ROW) * (HOST_W + GAP);
                        rowHeight = Math.max(rowHeight, host(clusterBody, host, x, y, detail, legend, link));
                    }
                    y += rowHeight + GAP;
                }
                siteBody.append("<g class=\"cluster\"><rect x=\"").append(PAD + GAP).append("\" y=\"").append(clusterTop)
                        .append("\" width=\"").append(width - 2 * PAD - 2 * GAP).append("\" height=\"").append(y - clusterTop)
                        .append("\" rx=\"6\" fill=\"#f8fafc\" stroke=\"#cbd5e1\"/><text x=\"").append(PAD + 2 * GAP)
                        .append("\" y=\"").append(clusterTop + 17).append("\" font-size=\"13\" fill=\"#334155\">cluster ")
                        .append(Html.esc(cluster.name())).append(" · ").append(cluster.children().size()).append(" hosts</text>")
                        .append(clusterBody).append("</g>");
                y += GAP;
            }
            body.append("<g class=\"site\"><rect x=\"").append(PAD).append("\" y=\"").append(siteTop).append("\" width=\"")
                    .append(width - 2 * PAD).append("\" height=\"").append(y - siteTop).append("\" rx=\"8\" fill=\"none\" ")
                    .append("stroke=\"#64748b\" stroke-dasharray=\"4 3\"/><text x=\"").append(PAD + GAP).append("\" y=\"")
                    .append(siteTop + 18).append("\" font-size=\"14\" font-weight=\"700\" fill=\"#0f172a\">site ")
                    .append(Html.esc(site.name())).append("</text>").append(siteBody).append("</g>");
            y += GAP;
        }
        int legendY = y + 6;
        StringBuilder legendSvg = new StringBuilder();
        int lx = PAD;
        for (Map.Entry<String, Integer> e : legend.entrySet()) {
            String label = (e.getKey().isEmpty() ? "no zone" : e.getKey()) + " (" + e.getValue() + ")";
            legendSvg.append("<rect x=\"").append(lx).append("\" y=\"").append(legendY).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(fill(e.getKey())).append("\"/><text x=\"").append(lx + 16).append("\" y=\"").append(legendY + 11)
                    .append("\" font-size=\"12\">").append(Html.esc(label)).append("</text>");
            lx += 28 + label.length() * 7;
            if (lx > width - 150) {
                lx = PAD;
                legendY += 18;
            }
        }
        int height = legendY + 24;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"topology-svg\" role=\"img\" aria-labelledby=\"topology-svg-title\" "
                + "width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height
                + "\" font-family=\"system-ui, sans-serif\"><title id=\"topology-svg-title\">Topology: " + sites.size()
                + " sites, " + vmCount + " VMs coloured by trust zone</title>" + body + legendSvg + "</svg>";
    }

    /** Draws one host at (x, y); returns its height. */
    private static int host(StringBuilder out, TopologyNode host, int x, int y, boolean detail,
                            Map<String, Integer> legend, java.util.function.Function<String, String> link) {
        Map<String, Integer> zones = new LinkedHashMap<>();
        for (TopologyNode vm : host.children()) {
            String zone = vm.zones().isEmpty() ? "" : vm.zones().get(0);
            zones.merge(zone, 1, Integer::sum);
            legend.merge(zone, 1, Integer::sum);
        }
        int vms = host.children().size();
        int height;
        StringBuilder inner = new StringBuilder();
        if (detail) {
            int lines = Math.max(1, (vms + PER_LINE - 1) / PER_LINE);
            height = HEADER + lines * (CELL + CELL_GAP) + PAD;
            int i = 0;
            for (TopologyNode vm : host.children()) {
                int cx = x + PAD + (i % PER_LINE) * (CELL + CELL_GAP);
                int cy = y + HEADER + (i / PER_LINE) * (CELL + CELL_GAP);
                String zone = vm.zones().isEmpty() ? "" : vm.zones().get(0);
                inner.append("<a href=\"/vms/").append(Html.seg(vm.id())).append("\"><rect class=\"vm\" x=\"").append(cx)
                        .append("\" y=\"").append(cy).append("\" width=\"").append(CELL).append("\" height=\"").append(CELL)
                        .append("\" fill=\"").append(fill(zone)).append("\"><title>").append(Html.esc(vm.name()))
                        .append(" · ").append(Html.esc(vm.zones().isEmpty() ? "no zone" : String.join(", ", vm.zones())))
                        .append("</title></rect></a>");
                i++;
            }
        } else {
            height = HEADER + CELL + 4 + zones.size() * 15 + 18 + PAD;
            int bx = x + PAD;
            int barW = HOST_W - 2 * PAD;
            int used = 0;
            int k = 0;
            int ly = y + HEADER + CELL + 16;
            for (Map.Entry<String, Integer> z : zones.entrySet()) {
                int w = ++k == zones.size() ? barW - used : Math.max(1, (int) Math.round((double) barW * z.getValue() / vms));
                inner.append("<rect x=\"").append(bx + used).append("\" y=\"").append(y + HEADER).append("\" width=\"").append(w)
                        .append("\" height=\"").append(CELL).append("\" fill=\"").append(fill(z.getKey())).append("\"/>");
                used += w;
                inner.append("<rect x=\"").append(bx).append("\" y=\"").append(ly - 9).append("\" width=\"9\" height=\"9\" fill=\"")
                        .append(fill(z.getKey())).append("\"/><text x=\"").append(bx + 13).append("\" y=\"").append(ly)
                        .append("\" font-size=\"11\">").append(Html.esc(z.getKey().isEmpty() ? "no zone" : z.getKey()))
                        .append(": ").append(z.getValue()).append(z.getValue() == 1 ? " VM" : " VMs").append("</text>");
                ly += 15;
            }
            inner.append("<a href=\"").append(Html.esc(link.apply(host.id()))).append("\"><text x=\"").append(bx)
                    .append("\" y=\"").append(ly + 2).append("\" font-size=\"11\" fill=\"#1d4ed8\" text-decoration=\"underline\">")
                    .append("expand ").append(vms).append(" VMs</text></a>");
        }
        boolean mixed = host.mixedTrust();
        out.append("<g class=\"host").append(mixed ? " mixed" : "").append("\" id=\"host-").append(Html.esc(anchor(host.id())))
                .append("\"><rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(HOST_W)
                .append("\" height=\"").append(height).append("\" rx=\"4\" fill=\"#fff\" stroke=\"")
                .append(mixed ? "#dc2626" : "#94a3b8").append("\" stroke-width=\"").append(mixed ? 3 : 1).append("\"/>")
                .append("<a href=\"/hosts/").append(Html.seg(host.id())).append("\"><text x=\"").append(x + PAD)
                .append("\" y=\"").append(y + 15).append("\" font-size=\"12\" font-weight=\"600\" fill=\"#1d4ed8\">")
                .append(Html.esc(shorten(host.name(), 26))).append("<title>").append(Html.esc(host.name())).append("</title></text></a>")
                .append("<text x=\"").append(x + PAD).append("\" y=\"").append(y + 29).append("\" font-size=\"11\" fill=\"")
                .append(mixed ? "#b91c1c" : "#475569").append("\">").append(vms).append(vms == 1 ? " VM" : " VMs")
                .append(mixed ? " · ⚠ mixed trust" : "").append("</text>").append(inner).append("</g>");
        return height;
    }

    /** The colour of a zone ({@code ""} for none), matching {@link Html#zoneClass}. */
    static String fill(String zone) {
        return zone == null || zone.isEmpty() ? NO_ZONE_FILL : FILL[Math.floorMod(zone.hashCode(), FILL.length)];
    }

    /** An element id made of the host id's letters and digits. */
    static String anchor(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_").toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The hosts of the tree, for callers that list them. */
    static List<TopologyNode> hosts(List<TopologyNode> sites) {
        List<TopologyNode> hosts = new ArrayList<>();
        sites.forEach(s -> s.children().forEach(c -> hosts.addAll(c.children())));
        return hosts;
    }
}
