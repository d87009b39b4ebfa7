package org.virtguard.service.config;

import java.util.List;

/**
 * Where alerts and finding events go, each through a durable on-disk spool, at least once and in order.
 *
 * @param webhooks JSON POSTs signed with HMAC-SHA256
 * @param syslog   syslog collectors (SIEM)
 */
public record DeliveryConfig(List<WebhookTarget> webhooks, List<SyslogTarget> syslog) {

    public DeliveryConfig {
        webhooks = List.copyOf(webhooks == null ? List.of() : webhooks);
        syslog = List.copyOf(syslog == null ? List.of() : syslog);
    }

    public static DeliveryConfig none() {
        return new DeliveryConfig(List.of(), List.of());
    }

    /**
     * A webhook.
     *
     * @param name       spool name, unique among targets (default {@code webhook}, then {@code webhook-2}, …)
     * @param url        http(s) URL
     * @param secretEnv  environment variable holding the HMAC secret (at least 16 characters)
     * @param secretFile file holding it
     */
    public record WebhookTarget(String name, String url, String secretEnv, String secretFile) {
    }

    /**
     * A syslog collector.
     *
     * @param name   spool name, unique among targets (default {@code syslog}, then {@code syslog-2}, …)
     * @param target {@code udp://host:port} or {@code tcp://host:port}
     * @param format {@code rfc5424} (default; the event as JSON) or {@code cef}
     */
    public record SyslogTarget(String name, String target, String format) {
    }
}
