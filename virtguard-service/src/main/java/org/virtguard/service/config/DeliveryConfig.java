package org.virtguard.service.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Where alerts and finding events go, each through a durable on-disk spool, at least once and in order.
 *
 * @param webhooks JSON POSTs signed with HMAC-SHA256
 * @param syslog   syslog collectors (SIEM)
 */
public record DeliveryConfig(List<WebhookTarget> webhooks, List<SyslogTarget> syslog) {

    /** The syslog formats a target may use; the first is the default. */
    public static final List<String> SYSLOG_FORMATS = List.of("rfc5424", "cef");

    public DeliveryConfig {
        webhooks = List.copyOf(webhooks == null ? List.of() : webhooks);
        syslog = List.copyOf(syslog == null ? List.of() : syslog);
    }

    /** No delivery targets. */
    public static DeliveryConfig none() {
        return new DeliveryConfig(List.of(), List.of());
    }

    /**
     * The spool name of each webhook, in order: its {@code name}, or for the n-th webhook without one
     * {@code webhook} (n = 1) or {@code webhook-n}.
     */
    public List<String> webhookNames() {
        return names(webhooks.stream().map(WebhookTarget::name).toList(), "webhook");
    }

    /**
     * The spool name of each syslog target, in order: its {@code name}, or for the n-th target without one
     * {@code syslog} (n = 1) or {@code syslog-n}.
     */
    public List<String> syslogNames() {
        return names(syslog.stream().map(SyslogTarget::name).toList(), "syslog");
    }

    private static List<String> names(List<String> written, String prefix) {
        List<String> names = new ArrayList<>(written.size());
        int unnamed = 0;
        for (String name : written) {
            if (name != null) {
                names.add(name);
            } else {
                unnamed++;
                names.add(unnamed == 1 ? prefix : prefix + "-" + unnamed);
            }
        }
        return List.copyOf(names);
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
