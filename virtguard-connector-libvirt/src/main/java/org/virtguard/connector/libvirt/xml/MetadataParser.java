package org.virtguard.connector.libvirt.xml;

import java.util.LinkedHashMap;
import java.util.Map;

import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reads a domain's {@code <metadata>}: the guest OS from libosinfo
 * ({@code <libosinfo:os id='http://ubuntu.com/ubuntu/22.04'/>}) and VirtGuard labels:
 * <pre>{@code
 * <vg:labels xmlns:vg="https://virtguard.org/xmlns/labels/1">
 *   <vg:label key="owner">alice</vg:label>
 * </vg:labels>
 * }</pre>
 */
public final class MetadataParser {

    /** The namespace of VirtGuard's labels in domain metadata. */
    public static final String LABELS_NAMESPACE = "https://virtguard.org/xmlns/labels/1";

    /** libosinfo's namespace in domain metadata, as written by virt-install and virt-manager. */
    public static final String LIBOSINFO_NAMESPACE = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

    private static final int MAX_LABELS = 256;

    private MetadataParser() {
    }

    /** The libosinfo OS id, or {@code null}. */
    static String guestOs(Element metadata) {
        Element info = Dom.childNS(metadata, LIBOSINFO_NAMESPACE, "libosinfo");
        return Dom.attrOrNull(Dom.childNS(info, LIBOSINFO_NAMESPACE, "os"), "id");
    }

    /** Labels by key; labels without a key are skipped, a repeated key keeps its last value. */
    static Map<String, String> labels(Element metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element labels : Dom.childrenNS(metadata, LABELS_NAMESPACE, "labels")) {
            for (Element label : Dom.childrenNS(labels, LABELS_NAMESPACE, "label")) {
                String key = Dom.attrOrNull(label, "key");
                if (key != null && out.size() < MAX_LABELS) {
                    String value = Dom.text(label);
                    out.put(key, value == null ? "" : value);
                }
            }
        }
        return out;
    }
}
