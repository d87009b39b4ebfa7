package org.virtguard.flows.evaluate;

import java.util.Arrays;

/**
 * One rule of the segmentation policy. Zone names and classifications of {@code "*"} or {@code null} match
 * anything; an empty port list matches every port.
 *
 * @param name               label for findings
 * @param from               source zone name
 * @param to                 destination zone name
 * @param fromClassification source VM classification label, or {@code null}
 * @param toClassification   destination VM classification label, or {@code null}
 * @param protocol           IP protocol number, or -1 for any
 * @param portRanges         inclusive [low, high] pairs of destination ports
 * @param allow              whether matching flows are allowed (else denied)
 */
public record SegmentationRule(String name, String from, String to, String fromClassification,
                               String toClassification, int protocol, int[] portRanges, boolean allow) {

    public SegmentationRule {
        portRanges = portRanges == null ? new int[0] : portRanges.clone();
        from = intern(from);
        to = intern(to);
        fromClassification = intern(fromClassification);
        toClassification = intern(toClassification);
    }

    /** Interned, so that matching a zone name that is interned too (literals, parsed zones) is one comparison. */
    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    boolean matches(String fromZone, String toZone, String fromClass, String toClass, int proto, int port) {
        return any(from, fromZone) && any(to, toZone) && any(fromClassification, fromClass)
                && any(toClassification, toClass) && (protocol < 0 || protocol == proto) && port(proto, port);
    }

    private boolean port(int proto, int port) {
        if (portRanges.length == 0 || (proto != 6 && proto != 17 && proto != 132)) {
            return portRanges.length == 0 || protocol < 0;
        }
        for (int i = 0; i + 1 < portRanges.length; i += 2) {
            if (port >= portRanges[i] && port <= portRanges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(String pattern, String value) {
        return pattern == null || pattern.equals("*") || pattern.equals(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentationRule r && name.equals(r.name) && from.equals(r.from) && to.equals(r.to)
                && java.util.Objects.equals(fromClassification, r.fromClassification)
                && java.util.Objects.equals(toClassification, r.toClassification) && protocol == r.protocol
                && Arrays.equals(portRanges, r.portRanges) && allow == r.allow;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, from, to, protocol, Arrays.hashCode(portRanges), allow);
    }

    @Override
    public String toString() {
        return name;
    }
}
