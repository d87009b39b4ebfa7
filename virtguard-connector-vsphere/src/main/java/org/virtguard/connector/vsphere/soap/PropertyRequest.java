package org.virtguard.connector.vsphere.soap;

import java.util.List;

/**
 * Which properties to read from objects of one type.
 *
 * @param type  the managed object type ({@code HostSystem})
 * @param paths property paths ({@code summary.config.product})
 */
public record PropertyRequest(String type, List<String> paths) {
    public PropertyRequest {
        paths = List.copyOf(paths);
    }

    /** Writes the {@code PropertySpec} in WSDL order: type, all, pathSet. */
    void write(SoapWriter w) {
        w.open("propSet", null).text("type", type).text("all", "false");
        for (String p : paths) {
            w.text("pathSet", p);
        }
        w.close("propSet");
    }
}
