package org.virtguard.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.virtguard.service.config.DeliveryConfig;
import org.virtguard.service.config.FlowIntakeConfig;
import org.virtguard.service.config.HttpConfig;
import org.virtguard.service.config.StoreSettings;
import org.virtguard.service.config.SyslogIntakeConfig;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.spi.SourceSpec;

/**
 * A few lines saying what a valid configuration sets up: sources, store, listeners, delivery targets. Names and
 * ports only: never a secret, a URL's parameters or a file's content.
 */
final class ConfigSummary {

    private ConfigSummary() {
    }

    static List<String> lines(VirtGuardConfig config) {
        List<String> lines = new ArrayList<>();
        lines.add("sources: " + config.sources().size() + (config.sources().isEmpty() ? "" : " ("
                + config.sources().stream().map(s -> s.id() != null ? s.id() : SourceSpec.defaultIdFor(s.uri()))
                .collect(Collectors.joining(", ")) + ")"));
        lines.add("store: " + store(config.store(), config.dataDir()));
        lines.add("http: " + http(config.http()));
        lines.add("intake: " + intake(config.intake().flows(), config.intake().syslog()));
        lines.add("delivery: " + delivery(config.delivery()));
        return lines;
    }

    private static String store(StoreSettings store, String dataDir) {
        if (store == null || store.url() == null) {
            return "embedded H2 under " + (dataDir != null ? dataDir : "./virtguard-data");
        }
        String[] parts = store.url().split(":", 3);
        return parts.length > 1 ? parts[1] : "jdbc";
    }

    private static String http(HttpConfig http) {
        return http.bind() + ":" + http.port() + (http.tls() != null ? " (https)" : " (plain http)");
    }

    private static String intake(FlowIntakeConfig flows, SyslogIntakeConfig syslog) {
        List<String> listeners = new ArrayList<>();
        if (flows != null) {
            listeners.add("flows on udp " + flows.ports().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        if (syslog != null) {
            List<String> transports = new ArrayList<>();
            if (syslog.udp() != null) {
                transports.add("udp " + syslog.udp());
            }
            if (syslog.tcp() != null) {
                transports.add("tcp " + syslog.tcp());
            }
            if (syslog.tls() != null) {
                transports.add("tls " + syslog.tls().port());
            }
            listeners.add("syslog on " + String.join(", ", transports));
        }
        return listeners.isEmpty() ? "none" : String.join("; ", listeners);
    }

    private static String delivery(DeliveryConfig delivery) {
        List<String> targets = new ArrayList<>();
        delivery.webhookNames().forEach(name -> targets.add("webhook " + name));
        delivery.syslogNames().forEach(name -> targets.add("syslog " + name));
        return targets.isEmpty() ? "none" : String.join(", ", targets);
    }
}
