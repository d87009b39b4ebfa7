package org.virtguard.flows.evaluate;

import java.util.ArrayList;
import java.util.List;

import org.virtguard.model.zones.SegmentationMatrix;

/**
 * The segmentation policy: a zone-to-zone matrix of allowed protocols and ports plus rules on VM classification.
 * Rules are tried in order and the first match decides; without a match, traffic between two zones is denied and
 * traffic inside one zone is allowed (both configurable). Built from the zone policy's matrix with
 * {@link #from(SegmentationMatrix)} (the {@code segmentation:} section of the zone policy file).
 */
public final class SegmentationPolicy {

    /** What the policy says about a flow. */
    public enum Decision { ALLOWED_BY_RULE, DENIED_BY_RULE, ALLOWED_BY_DEFAULT, DENIED_BY_DEFAULT }

    private final boolean allowBetweenZones;
    private final boolean allowWithinZone;
    private final SegmentationRule[] rules;
    private SegmentationRule lastRule;

    /** A policy from its parts. */
    public SegmentationPolicy(boolean allowBetweenZones, boolean allowWithinZone, List<SegmentationRule> rules) {
        this.allowBetweenZones = allowBetweenZones;
        this.allowWithinZone = allowWithinZone;
        this.rules = rules.toArray(new SegmentationRule[0]);
    }

    /** The policy of a zone policy's segmentation matrix, its rules in the same order. */
    public static SegmentationPolicy from(SegmentationMatrix matrix) {
        List<SegmentationRule> rules = new ArrayList<>(matrix.rules().size());
        for (SegmentationMatrix.Rule r : matrix.rules()) {
            int[] ports = new int[r.ports().size() * 2];
            for (int i = 0; i < r.ports().size(); i++) {
                ports[2 * i] = r.ports().get(i).low();
                ports[2 * i + 1] = r.ports().get(i).high();
            }
            rules.add(new SegmentationRule(r.name(), r.from(), r.to(), r.fromClassification(),
                    r.toClassification(), r.protocol(), ports, r.allow()));
        }
        return new SegmentationPolicy(matrix.allowBetweenZones(), matrix.allowWithinZone(), rules);
    }

    /** The default-deny policy with no rules: nothing crosses zones. */
    public static SegmentationPolicy denyBetweenZones() {
        return new SegmentationPolicy(false, true, List.of());
    }

    /** The rules, in order. */
    public List<SegmentationRule> rules() {
        return List.of(rules);
    }

    /** Whether traffic between zones is allowed when no rule matches. */
    public boolean allowBetweenZones() {
        return allowBetweenZones;
    }

    /** Whether traffic within a zone is allowed when no rule matches. */
    public boolean allowWithinZone() {
        return allowWithinZone;
    }

    /**
     * Decides one direction of traffic. {@link #lastRule()} then names the rule that matched, if any. Does not
     * allocate.
     */
    public Decision decide(String fromZone, String toZone, String fromClass, String toClass, int protocol, int port) {
        for (SegmentationRule rule : rules) {
            if (rule.matches(fromZone, toZone, fromClass, toClass, protocol, port)) {
                lastRule = rule;
                return rule.allow() ? Decision.ALLOWED_BY_RULE : Decision.DENIED_BY_RULE;
            }
        }
        lastRule = null;
        boolean same = fromZone.equals(toZone);
        return (same ? allowWithinZone : allowBetweenZones) ? Decision.ALLOWED_BY_DEFAULT
                : Decision.DENIED_BY_DEFAULT;
    }

    /** The rule behind the last {@link #decide} call, or {@code null} when a default applied. */
    public SegmentationRule lastRule() {
        return lastRule;
    }
}
