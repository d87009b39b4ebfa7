package org.virtguard.server.web;

/** Links to the console's object pages, escaped. */
public final class Links {

    private Links() {
    }

    public static String vm(String id, String name) {
        return link("/vms/", id, name);
    }

    public static String host(String id, String name) {
        return link("/hosts/", id, name);
    }

    public static String network(String id, String name) {
        return link("/networks/", id, name);
    }

    private static String link(String base, String id, String name) {
        if (id == null || id.isEmpty()) {
            return Html.esc(name == null ? "—" : name);
        }
        return "<a href=\"" + base + Html.seg(id) + "\">" + Html.esc(name == null || name.isEmpty() ? id : name) + "</a>";
    }
}
