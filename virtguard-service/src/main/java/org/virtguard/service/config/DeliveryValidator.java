package org.virtguard.service.config;

import static org.virtguard.service.config.ConfigProblems.child;
import static org.virtguard.service.config.ConfigProblems.index;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks webhooks and syslog targets: URLs, secrets by reference, target addresses and unique spool names. */
final class DeliveryValidator {

    /** Spool names become directory names: no separators, no dots in front. */
    private static final Pattern SPOOL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SYSLOG_TARGET = Pattern.compile("(?i)(udp|tcp)://(\\[[^\\]]*]|[^:/\\[\\]]+):([0-9]{1,5})");

    private final ValueChecks checks;

    private DeliveryValidator(ValueChecks checks) {
        this.checks = checks;
    }

    static void validate(DeliveryConfig delivery, ValueChecks checks) {
        DeliveryValidator validator = new DeliveryValidator(checks);
        for (int i = 0; i < delivery.webhooks().size(); i++) {
            validator.webhook(index("delivery.webhooks", i), delivery.webhooks().get(i));
        }
        for (int i = 0; i < delivery.syslog().size(); i++) {
            validator.syslog(index("delivery.syslog", i), delivery.syslog().get(i));
        }
        validator.uniqueNames(delivery);
    }

    private void webhook(String path, DeliveryConfig.WebhookTarget webhook) {
        checks.httpUrl(child(path, "url"), webhook.url());
        checks.exactlyOne(path, "secretEnv", webhook.secretEnv(), "secretFile", webhook.secretFile());
        checks.envName(child(path, "secretEnv"), webhook.secretEnv());
        checks.file(child(path, "secretFile"), webhook.secretFile());
    }

    private void syslog(String path, DeliveryConfig.SyslogTarget target) {
        String targetPath = child(path, "target");
        if (checks.required(targetPath, target.target())) {
            Matcher m = SYSLOG_TARGET.matcher(target.target());
            if (!m.matches() || !checks.isHost(m.group(2))) {
                checks.problems().value(targetPath, ConfigProblems.quote(target.target())
                        + " is not udp://host:port or tcp://host:port");
            } else {
                checks.port(targetPath, Integer.parseInt(m.group(3)), m.group(1).toUpperCase(Locale.ROOT), false);
            }
        }
        if (target.format() != null && !DeliveryConfig.SYSLOG_FORMATS.contains(target.format())) {
            checks.problems().value(child(path, "format"), ConfigProblems.quote(target.format())
                    + " is not a syslog format (" + String.join(" or ", DeliveryConfig.SYSLOG_FORMATS) + ")");
        }
    }

    private void uniqueNames(DeliveryConfig delivery) {
        Map<String, String> seen = new HashMap<>();
        names(delivery.webhookNames(), "delivery.webhooks", seen, delivery.webhooks().stream()
                .map(DeliveryConfig.WebhookTarget::name).toList());
        names(delivery.syslogNames(), "delivery.syslog", seen, delivery.syslog().stream()
                .map(DeliveryConfig.SyslogTarget::name).toList());
    }

    private void names(List<String> effective, String listPath, Map<String, String> seen, List<String> written) {
        for (int i = 0; i < effective.size(); i++) {
            String name = effective.get(i);
            String path = index(listPath, i);
            String namePath = written.get(i) != null ? child(path, "name") : path;
            if (written.get(i) != null && !SPOOL_NAME.matcher(name).matches()) {
                checks.problems().value(namePath, ConfigProblems.quote(name) + " is not a target name (letters, "
                        + "digits, '.', '_' and '-', at most 64, not starting with '.' or '-')");
            }
            String previous = seen.putIfAbsent(name, path);
            if (previous != null) {
                checks.problems().value(namePath, "target name " + ConfigProblems.quote(name) + " is also the name of "
                        + previous);
            }
        }
    }
}
