package org.virtguard.connector.vsphere.soap;

import java.util.HashMap;
import java.util.Map;

import org.w3c.dom.Element;

/** Reads {@code ObjectContent} elements of a {@code RetrievePropertiesEx} answer. */
public final class ObjectContents {

    /** The most properties kept per object; a server sending more is cut off. */
    public static final int MAX_PROPERTIES = 1_000;

    private ObjectContents() {
    }

    /** Reads one {@code <objects>} element: its reference, property values and the properties it could not read. */
    public static ObjectContent parse(Element oc) {
        Map<String, Element> props = new HashMap<>();
        for (Element ps : Xml.children(oc, "propSet")) {
            String name = Xml.text(ps, "name");
            Element val = Xml.child(ps, "val");
            if (name != null && val != null && props.size() < MAX_PROPERTIES) {
                props.put(name, val);
            }
        }
        Map<String, String> missing = new HashMap<>();
        for (Element mp : Xml.children(oc, "missingSet")) {
            String path = Xml.text(mp, "path");
            Element fault = Xml.path(mp, "fault.fault");
            if (path != null && missing.size() < MAX_PROPERTIES) {
                missing.put(path, fault != null && Xml.type(fault) != null ? Xml.type(fault) : "unknown fault");
            }
        }
        ManagedObjectRef ref = Xml.ref(Xml.child(oc, "obj"));
        return new ObjectContent(ref == null ? new ManagedObjectRef("Unknown", "unknown") : ref, props, missing);
    }
}
