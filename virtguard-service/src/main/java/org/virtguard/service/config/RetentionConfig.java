package org.virtguard.service.config;

/**
 * How long each kind of data is kept. The service deletes older data once an hour (one replica at a time when
 * several share a PostgreSQL store). The audit log is never deleted.
 *
 * @param flowEdges         per-minute traffic edges (default {@code 30d})
 * @param alerts            closed alerts, counted from their last evidence and last change; open and acknowledged
 *                          alerts are kept (default {@code 365d})
 * @param findingHistory    resolved findings, finding events and trend points (default {@code 365d}); open findings
 *                          are kept
 * @param inventoryChanges  the inventory change log (default {@code 365d}); each VM's latest power-state change is
 *                          kept
 * @param responseActions   finished response actions: executed, failed, rejected, expired, cancelled (default
 *                          {@code 365d})
 * @param sessions          console sessions, counted from their expiry (default {@code 7d})
 * @param deliverySpool     messages waiting in a delivery spool, undelivered for this long (default {@code 30d})
 */
public record RetentionConfig(String flowEdges, String alerts, String findingHistory, String inventoryChanges,
                              String responseActions, String sessions, String deliverySpool) {

    public RetentionConfig {
        flowEdges = flowEdges == null ? "30d" : flowEdges;
        alerts = alerts == null ? "365d" : alerts;
        findingHistory = findingHistory == null ? "365d" : findingHistory;
        inventoryChanges = inventoryChanges == null ? "365d" : inventoryChanges;
        responseActions = responseActions == null ? "365d" : responseActions;
        sessions = sessions == null ? "7d" : sessions;
        deliverySpool = deliverySpool == null ? "30d" : deliverySpool;
    }

    /** The earlier two-setting form; the other periods at their defaults. */
    public RetentionConfig(String flowEdges, String alerts) {
        this(flowEdges, alerts, null, null, null, null, null);
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig(null, null, null, null, null, null, null);
    }

    /** Each setting's key under {@code retention:} with its value, in file order. */
    public java.util.Map<String, String> periods() {
        java.util.Map<String, String> periods = new java.util.LinkedHashMap<>();
        periods.put("flowEdges", flowEdges);
        periods.put("alerts", alerts);
        periods.put("findingHistory", findingHistory);
        periods.put("inventoryChanges", inventoryChanges);
        periods.put("responseActions", responseActions);
        periods.put("sessions", sessions);
        periods.put("deliverySpool", deliverySpool);
        return periods;
    }
}
