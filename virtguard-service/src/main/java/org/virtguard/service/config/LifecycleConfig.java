package org.virtguard.service.config;

/**
 * Inventory scheduling and the lifecycle guards.
 *
 * @param resync       full re-sync interval (default {@code 15m}); live events apply at once
 * @param dormantAfter a VM powering on after being off longer than this raises a dormant-VM alert (default
 *                     {@code 30d})
 */
public record LifecycleConfig(String resync, String dormantAfter) {

    public LifecycleConfig {
        resync = resync == null ? "15m" : resync;
        dormantAfter = dormantAfter == null ? "30d" : dormantAfter;
    }

    public static LifecycleConfig defaults() {
        return new LifecycleConfig(null, null);
    }
}
