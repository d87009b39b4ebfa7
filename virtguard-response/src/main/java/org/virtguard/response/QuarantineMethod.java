package org.virtguard.response;

import java.util.Arrays;
import java.util.List;

/** How a quarantine cuts a VM off, by the names used in policy files, the CLI and the API. */
public enum QuarantineMethod {
    /** Every vNIC moves to the quarantine network or port group (libvirt and vSphere). */
    NETWORK("network"),
    /**
     * Every vNIC keeps its network and gets a traffic filter that drops everything, live (libvirt nwfilter); release
     * gives each vNIC its previous filter back.
     */
    NWFILTER("nwfilter");

    /** The drop-all nwfilter's name when the policy names none. */
    public static final String DEFAULT_FILTER = "virtguard-quarantine";

    private final String id;

    QuarantineMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses {@code network} or {@code nwfilter}. */
    public static QuarantineMethod parse(String text) {
        for (QuarantineMethod m : values()) {
            if (m.id.equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown quarantine method '" + text + "' (" + String.join(", ", ids()) + ")");
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(QuarantineMethod::id).toList();
    }
}
