package org.virtguard.policy.zones;

/**
 * Trust, site and mixing allowance of the hosts (or clusters) a selector matches.
 *
 * @param cluster           whether the selector names clusters rather than hosts
 * @param trust             trust level, or {@code null}
 * @param site              site name, or {@code null}
 * @param mixedTrustAllowed whether VMs of different trust may share these hosts
 */
public record HostRule(Selector match, boolean cluster, Integer trust, String site, boolean mixedTrustAllowed) {
}
