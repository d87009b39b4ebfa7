package org.virtguard.server.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.virtguard.model.CheckStatus;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.model.NotCollectedGroup;

/**
 * The parts of the findings page around the list: open findings counted by status (real results first, what was
 * not collected apart), and the not-collected findings grouped by what is missing and how to collect it.
 */
final class FindingViews {

    private FindingViews() {
    }

    /** "12 failing · 2 accepted risks · 1 could not be evaluated · 6 not collected", each a link to its view. */
    static String statusCounts(Map<CheckStatus, Long> byStatus, FindingFilter current) {
        long fail = byStatus.getOrDefault(CheckStatus.FAIL, 0L);
        long excepted = byStatus.getOrDefault(CheckStatus.EXCEPTED, 0L);
        long error = byStatus.getOrDefault(CheckStatus.ERROR, 0L);
        long notCollected = byStatus.getOrDefault(CheckStatus.NOT_COLLECTED, 0L);
        StringBuilder b = new StringBuilder("<nav class=\"status-counts\" id=\"finding-counts\" aria-label=\"Findings by status\">");
        b.append(count(current, null, fail + excepted + error, "with a result", "results"));
        b.append(" · ").append(count(current, "FAIL", fail, "failing", "fail"));
        b.append(" · ").append(count(current, "EXCEPTED", excepted, excepted == 1 ? "accepted risk" : "accepted risks",
                "excepted"));
        if (error > 0) {
            b.append(" · ").append(count(current, "ERROR", error, "could not be evaluated", "error"));
        }
        b.append(" · ").append(count(current, "NOT_COLLECTED", notCollected, "not collected", "not-collected"));
        return b.append("</nav>").toString();
    }

    private static String count(FindingFilter current, String state, long n, String words, String id) {
        boolean selected = state == null ? current.state() == null
                : state.equalsIgnoreCase(current.state() == null ? "" : current.state());
        FindingFilter target = new FindingFilter(current.minSeverity(), current.checkId(), current.zone(),
                current.hostId(), state, current.area(), current.vmId());
        String text = "<span class=\"count\" id=\"count-" + id + "\">" + n + "</span> " + Html.esc(words);
        return selected ? "<strong>" + text + "</strong>"
                : "<a href=\"" + FindingFilterForm.link(target, 0) + "\">" + text + "</a>";
    }

    /** What the list holds, in words ("open findings with a result", "not-collected findings", ...). */
    static String describe(FindingFilter query) {
        String state = query.state() == null ? "OPEN" : query.state().toUpperCase(Locale.ROOT);
        return switch (state) {
            case "ACTIONABLE" -> "open findings with a result (fail, accepted risk, could not be evaluated); "
                    + "not-collected ones are listed apart";
            case "OPEN" -> "open findings of every status";
            case "RESOLVED" -> "resolved findings";
            case "FAIL" -> "failing findings";
            case "EXCEPTED" -> "accepted risks";
            case "ERROR" -> "findings that could not be evaluated";
            case "NOT_COLLECTED" -> "not-collected findings: checks that could not tell, because a value was not "
                    + "collected";
            default -> "findings";
        };
    }

    /**
     * The not-collected findings grouped: "guest operating system not collected: 6 VMs — install the guest agent".
     *
     * @param summary true under the list of results (a heading and a link to the full view), false atop that view
     */
    static String notCollectedGroups(List<NotCollectedGroup> groups, FindingFilter current, boolean summary) {
        StringBuilder b = new StringBuilder("<section id=\"not-collected\">");
        b.append(summary ? "<h2>Not collected</h2>" : "");
        if (groups.isEmpty()) {
            return b.append(summary ? "<p class=\"muted\">Every value the checks read was collected.</p>" : "")
                    .append("</section>").toString();
        }
        b.append("<p class=\"muted\">These checks could not tell: a value they read was not collected. "
                + "None of them counts as a pass.</p>");
        b.append("<table class=\"list\" id=\"not-collected-groups\"><thead><tr><th>Not collected</th>"
                + "<th>Resources</th><th>Why, and how to collect it</th><th>Checks</th></tr></thead><tbody>");
        for (NotCollectedGroup g : groups) {
            b.append("<tr><td>").append(Html.esc(g.missing())).append("</td><td class=\"num\">")
                    .append(Html.esc(g.resourcesText())).append("</td><td>").append(Html.esc(g.collect()))
                    .append("</td><td>");
            boolean first = true;
            for (String check : g.checkIds()) {
                FindingFilter byCheck = new FindingFilter(null, check, current.zone(), current.hostId(),
                        "NOT_COLLECTED", null, current.vmId());
                b.append(first ? "" : ", ").append("<a href=\"").append(FindingFilterForm.link(byCheck, 0)).append("\">")
                        .append(Html.esc(check)).append("</a>");
                first = false;
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (summary) {
            FindingFilter all = new FindingFilter(current.minSeverity(), current.checkId(), current.zone(),
                    current.hostId(), "NOT_COLLECTED", current.area(), current.vmId());
            b.append("<p><a id=\"not-collected-list\" href=\"").append(FindingFilterForm.link(all, 0))
                    .append("\">List every not-collected finding →</a></p>");
        }
        return b.append("</section>").toString();
    }
}
