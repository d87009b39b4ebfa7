package org.virtguard.server.web;

import java.util.List;

import org.virtguard.server.query.VmSummary;

/** A short, unpaged table of VMs (a host's or a network's first VMs); full lists go through {@link InventoryLists}. */
final class VmTables {

    private VmTables() {
    }

    static String table(List<VmSummary> vms) {
        StringBuilder b = new StringBuilder("<table class=\"list\" id=\"vm-table\"><thead><tr><th>VM</th><th>Host</th>"
                + "<th>Power</th><th>Networks</th><th>Zones</th><th class=\"num\">vCPU</th><th class=\"num\">Memory</th>"
                + "</tr></thead><tbody>");
        for (VmSummary v : vms) {
            b.append("<tr><td>").append(Links.vm(v.id(), v.name()))
                    .append(v.stale() ? " <span class=\"stale\">stale</span>" : "").append("</td><td>")
                    .append(Links.host(v.hostId(), v.hostName())).append("</td><td>").append(Html.esc(v.powerState()))
                    .append("</td><td>").append(Html.esc(String.join(", ", v.networks()))).append("</td><td>");
            v.zones().forEach(z -> b.append(Html.zoneBadge(z)).append(' '));
            b.append("</td><td class=\"num\">").append(v.vcpus()).append("</td><td class=\"num\">")
                    .append(Html.bytes(v.memoryBytes())).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
