package org.virtguard.service.config;

import static org.virtguard.service.config.ConfigProblems.index;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks the flow collector and the syslog receiver: addresses, ports, limits and sender CIDRs. */
final class IntakeValidator {

    /** Largest socket receive buffer asked for (1 GiB). */
    static final int MAX_RECEIVE_BUFFER = 1 << 30;
    /** Largest decode queue, in datagrams. */
    static final int MAX_QUEUE = 1 << 20;
    /** Largest per-sender syslog rate, in messages per second. */
    static final double MAX_RATE_PER_SENDER = 1_000_000;

    private final ValueChecks checks;

    private IntakeValidator(ValueChecks checks) {
        this.checks = checks;
    }

    static void validate(IntakeConfig intake, ValueChecks checks) {
        IntakeValidator validator = new IntakeValidator(checks);
        if (intake.flows() != null) {
            validator.flows(intake.flows());
        }
        if (intake.syslog() != null) {
            validator.syslog(intake.syslog());
        }
    }

    private void flows(FlowIntakeConfig flows) {
        checks.bindAddress("intake.flows.bind", flows.bind());
        if (flows.ports().isEmpty()) {
            checks.problems().value("intake.flows.ports", "lists no port");
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < flows.ports().size(); i++) {
            int port = flows.ports().get(i);
            checks.port(index("intake.flows.ports", i), port, "UDP", true);
            if (port != 0 && !seen.add(port)) {
                checks.problems().value(index("intake.flows.ports", i), "port " + port + " is listed twice");
            }
        }
        checks.range("intake.flows.receiveBuffer", flows.receiveBuffer(), 1, MAX_RECEIVE_BUFFER);
        checks.range("intake.flows.queue", flows.queue(), 1, MAX_QUEUE);
        cidrs("intake.flows.allowedExporters", flows.allowedExporters());
    }

    private void syslog(SyslogIntakeConfig syslog) {
        checks.bindAddress("intake.syslog.bind", syslog.bind());
        checks.port("intake.syslog.udp", syslog.udp(), "UDP", true);
        checks.port("intake.syslog.tcp", syslog.tcp(), "TCP", true);
        SyslogIntakeConfig.SyslogTlsConfig tls = syslog.tls();
        if (syslog.udp() == null && syslog.tcp() == null && tls == null) {
            checks.problems().value("intake.syslog", "no transport: set udp, tcp or tls");
        }
        if (tls != null) {
            if (tls.port() == null) {
                checks.problems().value("intake.syslog.tls.port", "is required (6514 is the standard one)");
            }
            checks.port("intake.syslog.tls.port", tls.port(), "TCP", true);
            if (tls.port() != null && tls.port() != 0 && tls.port().equals(syslog.tcp())) {
                checks.problems().value("intake.syslog.tls.port", "port " + tls.port() + " is also intake.syslog.tcp");
            }
            checks.tls("intake.syslog.tls", tls.keystore(), tls.passwordFile(), tls.passwordEnv());
        }
        double rate = syslog.ratePerSender();
        if (!(rate > 0) || rate > MAX_RATE_PER_SENDER) {
            checks.problems().value("intake.syslog.ratePerSender", rate + " is out of range (more than 0, at most "
                    + (long) MAX_RATE_PER_SENDER + " messages per second)");
        }
        cidrs("intake.syslog.allowedSenders", syslog.allowedSenders());
    }

    private void cidrs(String path, List<String> cidrs) {
        for (int i = 0; i < cidrs.size(); i++) {
            checks.cidr(index(path, i), cidrs.get(i));
        }
    }
}
