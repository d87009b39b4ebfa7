package org.virtguard.exposure.nvd;

import java.util.List;

/** One entry of a CVE's {@code configurations}: nodes combined with {@code operator} (OR when absent). */
public record Configuration(ConfigNode.Operator operator, boolean negate, List<ConfigNode> nodes) {

    public Configuration {
        nodes = List.copyOf(nodes);
    }
}
