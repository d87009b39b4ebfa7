package org.virtguard.server.web;

import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.security.Principal;

/** The console's page frame: navigation, the CSRF token for scripts, the logout form. */
public final class Layout {

    private static final String[][] NAV = {
            {"/", "Dashboard"}, {"/inventory", "Inventory"}, {"/topology", "Topology"}, {"/findings", "Findings"},
            {"/zones", "Zone matrix"}, {"/flows", "Flows"}, {"/alerts", "Alerts"}, {"/responses", "Responses"},
            {"/audit", "Audit log"}, {"/admin", "Users"}};
    private static final String ADMIN_ONLY = "/admin";
    /** The header's inventory search: VMs, hosts, networks, MACs and addresses ({@code /search}). */
    private static final String SEARCH_BOX = "<form class=\"header-search\" role=\"search\" method=\"get\" "
            + "action=\"/search\"><input type=\"search\" name=\"q\" maxlength=\"200\" "
            + "placeholder=\"VM, host, network, MAC or IP\" aria-label=\"Search the inventory\"></form>";

    private Layout() {
    }

    public static String page(String title, String active, Principal user, String body) {
        StringBuilder out = new StringBuilder(body.length() + 2048);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · VirtGuard</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">");
        if (user != null && user.csrfToken() != null) {
            out.append("<meta name=\"csrf-token\" content=\"").append(Html.esc(user.csrfToken())).append("\">");
        }
        out.append("<script type=\"module\" src=\"/static/console.js\"></script></head><body>");
        out.append("<header class=\"top\"><a class=\"brand\" href=\"/\">VirtGuard</a>");
        if (user != null) {
            out.append("<nav>");
            for (String[] item : NAV) {
                if (ADMIN_ONLY.equals(item[0]) && !user.role().includes(org.virtguard.store.security.Role.ADMIN)) {
                    continue;
                }
                out.append("<a href=\"").append(item[0]).append('"')
                        .append(item[0].equals(active) ? " class=\"active\" aria-current=\"page\"" : "")
                        .append('>').append(item[1]).append("</a>");
            }
            out.append("</nav>").append(SEARCH_BOX).append("<form class=\"logout\" method=\"post\" action=\"/logout\">")
                    .append(csrfField(user))
                    .append("<span class=\"who\">").append(Html.esc(user.username())).append(" · ")
                    .append(Html.esc(user.role().name().toLowerCase())).append("</span>")
                    .append("<a class=\"account\" href=\"").append(RouteGuard.PASSWORD_PAGE).append("\">Password</a>")
                    .append("<button type=\"submit\">Log out</button></form>");
        }
        out.append("</header><main>").append("<h1>").append(Html.esc(title)).append("</h1>").append(body)
                .append("</main></body></html>");
        return out.toString();
    }

    /** The hidden CSRF field every console form carries. */
    public static String csrfField(Principal user) {
        return "<input type=\"hidden\" name=\"" + RouteGuard.CSRF_FIELD + "\" value=\""
                + Html.esc(user.csrfToken()) + "\">";
    }

    public static String notConfigured(String what, String hint) {
        return "<div class=\"notice\"><strong>" + Html.esc(what) + " not configured.</strong> " + Html.esc(hint)
                + "</div>";
    }
}
