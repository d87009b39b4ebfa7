package org.virtguard.connector.vsphere.soap;

import org.w3c.dom.Element;

/**
 * One changed property in a {@code WaitForUpdatesEx} answer.
 *
 * @param name the property path
 * @param op   {@code add}, {@code remove}, {@code assign}, {@code indirectRemove}
 * @param val  the new value element, or {@code null}
 */
public record PropertyChange(String name, String op, Element val) {
}
