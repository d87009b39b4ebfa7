package org.virtguard.server.views;

/**
 * Traffic from one trust zone to another over a period.
 *
 * @param fromZone source zone
 * @param toZone   destination zone
 * @param flows    flow records
 * @param bytes    bytes transferred
 * @param allowed  whether the zone policy allows this pair
 */
public record ZoneFlow(String fromZone, String toZone, long flows, long bytes, boolean allowed) {
}
