package org.virtguard.connector.vsphere.actions;

/** Quotes names from policy files or the server for one-line messages. */
final class Names {

    /** The longest name shown in a message. */
    static final int MAX_SHOWN = 120;

    private Names() {
    }

    /** {@code 'name'} with control characters replaced and overlong names cut. */
    static String q(String name) {
        if (name == null) {
            return "'?'";
        }
        String flat = name.replaceAll("\\p{Cntrl}", "?");
        return "'" + (flat.length() > MAX_SHOWN ? flat.substring(0, MAX_SHOWN) + "..." : flat) + "'";
    }
}
