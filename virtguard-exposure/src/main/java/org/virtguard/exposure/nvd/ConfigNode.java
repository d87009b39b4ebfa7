package org.virtguard.exposure.nvd;

import java.util.List;

/**
 * A configuration node: its {@code cpeMatch} entries combined with {@code operator}, the result inverted when
 * {@code negate}.
 */
public record ConfigNode(Operator operator, boolean negate, List<CpeMatch> matches) {

    /** How a node's entries or a configuration's nodes combine. */
    public enum Operator { AND, OR }

    public ConfigNode {
        matches = List.copyOf(matches);
    }
}
