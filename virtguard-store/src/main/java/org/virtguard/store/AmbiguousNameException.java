package org.virtguard.store;

import java.util.List;

import org.virtguard.model.ErrorCode;

/** A name matched several objects; the caller must use one of the listed ids instead. */
public class AmbiguousNameException extends StoreException {

    private final String name;
    private final List<String> candidateIds;

    /**
     * @param kind         what was looked up, e.g. {@code VM}
     * @param name         the name asked for
     * @param candidateIds the ids of all objects with that name
     */
    public AmbiguousNameException(String kind, String name, List<String> candidateIds) {
        super(ErrorCode.INVALID_INPUT, "the " + kind + " name '" + name + "' is ambiguous; use one of the ids: "
                + String.join(", ", candidateIds));
        this.name = name;
        this.candidateIds = List.copyOf(candidateIds);
    }

    /** The name that was asked for. */
    public String name() {
        return name;
    }

    /** The ids of all objects with that name. */
    public List<String> candidateIds() {
        return candidateIds;
    }
}
