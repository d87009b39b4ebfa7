package org.virtguard.policy.zones;

import org.virtguard.model.TrustZone;

/** A trust zone and how vNICs and addresses are assigned to it. */
public record ZoneDefinition(TrustZone zone, Selector match, String description) {
}
