package org.virtguard.service.config;

/**
 * How long each kind of data is kept; older rows are deleted once an hour.
 *
 * @param flowEdges per-minute traffic edges (default {@code 30d})
 * @param alerts    alerts last seen longer ago than this (default {@code 365d})
 */
public record RetentionConfig(String flowEdges, String alerts) {

    public RetentionConfig {
        flowEdges = flowEdges == null ? "30d" : flowEdges;
        alerts = alerts == null ? "365d" : alerts;
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig(null, null);
    }
}
