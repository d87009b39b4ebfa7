package org.virtguard.response;

import java.util.Arrays;
import java.util.List;

/** The response actions VirtGuard knows, by the names used in policy files, the CLI and the API. */
public enum ActionKind {
    QUARANTINE("quarantine", false),
    RELEASE("release", false),
    POWER_OFF("power-off", true),
    REVERT_SNAPSHOT("revert-snapshot", true),
    REDEPLOY("redeploy", true);

    private final String id;
    private final boolean destructive;

    ActionKind(String id, boolean destructive) {
        this.id = id;
        this.destructive = destructive;
    }

    public String id() {
        return id;
    }

    /** Whether it destroys state or stops service, so that it can never run without a second admin. */
    public boolean destructive() {
        return destructive;
    }

    /** Parses a name such as {@code power-off}. */
    public static ActionKind parse(String text) {
        for (ActionKind k : values()) {
            if (k.id.equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown action '" + text + "' (" + String.join(", ", ids()) + ")");
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ActionKind::id).toList();
    }
}
