package org.virtguard.connector.vsphere.soap;

import java.util.Map;

import org.w3c.dom.Element;

/**
 * The properties of one managed object as retrieved.
 *
 * @param obj     the object
 * @param props   property path to its value element ({@code <val xsi:type="...">})
 * @param missing property path to the fault type that kept it from being read ({@code NoPermission})
 */
public record ObjectContent(ManagedObjectRef obj, Map<String, Element> props, Map<String, String> missing) {

    /** The value element of a property, or {@code null} when absent. */
    public Element get(String path) {
        return props.get(path);
    }

    /** The text of a simple property, or {@code null}. */
    public String text(String path) {
        return Xml.text(props.get(path));
    }

    /** Why a property is absent: the fault, {@code unset} when the server left it out, or {@code null} when present. */
    public String whyMissing(String path) {
        if (props.containsKey(path)) {
            return null;
        }
        String fault = missing.get(path);
        return fault != null ? "access denied (" + fault + ")" : "not reported by the server";
    }
}
