package org.virtguard.model.zones;

import java.util.List;
import java.util.Objects;

/**
 * The zone-to-zone segmentation matrix of a zone policy: which traffic may cross trust zones. Rules are tried in
 * order and the first match decides; without a match, traffic between two zones follows
 * {@code allowBetweenZones} and traffic inside one zone follows {@code allowWithinZone}. Plain data; the flow
 * analysis evaluates it.
 *
 * @param allowBetweenZones whether traffic between zones is allowed when no rule matches
 * @param allowWithinZone   whether traffic within a zone is allowed when no rule matches
 * @param rules             the rules, in order
 */
public record SegmentationMatrix(boolean allowBetweenZones, boolean allowWithinZone, List<Rule> rules) {

    /** Most rules one matrix may hold. */
    public static final int MAX_RULES = 10_000;

    /** Protocol number of a rule that matches every protocol. */
    public static final int ANY_PROTOCOL = -1;

    /** Zone or classification pattern that matches anything. */
    public static final String ANY = "*";

    public SegmentationMatrix {
        rules = List.copyOf(rules == null ? List.of() : rules);
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("segmentation matrix has more than " + MAX_RULES + " rules");
        }
    }

    /** The default when a zone policy has no matrix: deny between zones, allow within a zone, no rules. */
    public static SegmentationMatrix denyBetweenZones() {
        return new SegmentationMatrix(false, true, List.of());
    }

    /**
     * One rule. Zone names and classifications of {@link #ANY} or {@code null} match anything; an empty port list
     * matches every port.
     *
     * @param name               label for findings and alerts
     * @param from               source zone name or {@link #ANY}
     * @param to                 destination zone name or {@link #ANY}
     * @param fromClassification source VM classification, or {@code null} for any
     * @param toClassification   destination VM classification, or {@code null} for any
     * @param protocol           IP protocol number 0-255, or {@link #ANY_PROTOCOL}
     * @param ports              destination port ranges; empty for every port
     * @param allow              whether matching traffic is allowed (else denied)
     */
    public record Rule(String name, String from, String to, String fromClassification, String toClassification,
                       int protocol, List<PortRange> ports, boolean allow) {

        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (protocol < ANY_PROTOCOL || protocol > 255) {
                throw new IllegalArgumentException("rule '" + name + "': protocol " + protocol + " is not 0-255");
            }
            ports = List.copyOf(ports == null ? List.of() : ports);
        }
    }

    /**
     * An inclusive range of ports.
     *
     * @param low  first port, 0-65535
     * @param high last port, {@code low}-65535
     */
    public record PortRange(int low, int high) {

        public PortRange {
            if (low < 0 || high > 65_535 || low > high) {
                throw new IllegalArgumentException("port range " + low + "-" + high + " is not within 0-65535 "
                        + "with low <= high");
            }
        }
    }
}
