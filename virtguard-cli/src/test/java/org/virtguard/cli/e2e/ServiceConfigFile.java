package org.virtguard.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the {@code virtguard.yaml} of the end-to-end test: a PostgreSQL store whose password comes from an
 * environment variable, the lab's hosts a and b as libvirt test-driver sources, the lab's zone policy with one
 * more zone for the scanner of the SYN-scan capture, flow and syslog intake on free loopback ports, a webhook and
 * two syslog targets (UDP RFC 5424, TCP CEF).
 */
public final class ServiceConfigFile {

    /** The zone the SYN-scan capture's scanner (172.16.0.8) is put in. */
    public static final String SCANNER_ZONE = "scanlab";
    public static final String STORE_PASSWORD_VARIABLE = "E2E_STORE_PASSWORD";
    public static final String WEBHOOK_SECRET_VARIABLE = "E2E_WEBHOOK_SECRET";

    private static final Pattern ZONES_LIST = Pattern.compile("(?m)^zones:[ \\t]*\\R");

    private ServiceConfigFile() {
    }

    /**
     * Writes {@code dir/zones.yaml} (the lab's, plus the scanner's zone) and {@code dir/virtguard.yaml}.
     *
     * @param lab a copy of {@code lab/libvirt}
     */
    public static Path write(Path dir, Path lab, Path labZones, PostgresSchema store, String webhookUrl,
                             SyslogReceiver siem) throws IOException {
        Path zones = dir.resolve("zones.yaml");
        Files.writeString(zones, withScannerZone(Files.readString(labZones, StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        String yaml = """
                dataDir: %s
                store:
                  url: "%s"
                  user: %s
                  passwordEnv: %s
                http:
                  bind: 127.0.0.1
                  port: 0
                sources:
                  - id: lab-host-a
                    uri: test://%s
                    options: {name: host-a}
                  - id: lab-host-b
                    uri: test://%s
                    options: {name: host-b}
                policy:
                  zones: %s
                lifecycle:
                  resync: 15m
                  dormantAfter: 5s
                intake:
                  flows:
                    bind: 127.0.0.1
                    ports: [0]
                  syslog:
                    bind: 127.0.0.1
                    udp: 0
                    tcp: 0
                delivery:
                  webhooks:
                    - {name: soc, url: "%s", secretEnv: %s}
                  syslog:
                    - {name: siem-udp, target: "%s", format: rfc5424}
                    - {name: siem-tcp, target: "%s", format: cef}
                """.formatted(dir.resolve("data"), store.url(), store.user(), STORE_PASSWORD_VARIABLE,
                lab.resolve("host-a.xml"), lab.resolve("host-b.xml"), zones, webhookUrl, WEBHOOK_SECRET_VARIABLE,
                siem.udpTarget(), siem.tcpTarget());
        return Files.writeString(dir.resolve("virtguard.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private static String withScannerZone(String zones) {
        Matcher m = ZONES_LIST.matcher(zones);
        if (!m.find()) {
            throw new IllegalArgumentException("the lab's zone file has no top-level 'zones:' list");
        }
        return zones.substring(0, m.end()) + """
                  - name: %s
                    trust: 20
                    description: lab segment of the SYN-scan capture's scanner (172.16.0.8)
                    match: {cidrs: ["172.16.0.0/24"]}
                """.formatted(SCANNER_ZONE) + zones.substring(m.end());
    }
}
