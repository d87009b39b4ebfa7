package org.virtguard.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.CliRun;

class ConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void validFileIsSummarisedWithoutSecrets() throws Exception {
        Path secret = Files.writeString(dir.resolve("hook.secret"), "s3cr3t-hmac-key-0123456789\n");
        Path file = Files.writeString(dir.resolve("virtguard.yaml"), """
                store:
                  url: jdbc:postgresql://db01/virtguard
                  passwordEnv: DB_PASSWORD
                sources:
                  - {id: kvm01, uri: "qemu+ssh://virtguard@kvm01/system"}
                  - uri: "qemu+tls://kvm02/system"
                intake:
                  flows: {ports: [2055]}
                  syslog: {udp: 514}
                delivery:
                  webhooks:
                    - {url: "https://soc.example.org/hook", secretFile: %s}
                  syslog:
                    - {target: "udp://siem.example.org:514"}
                """.formatted(secret));

        CliRun run = CliRun.run("config", "validate", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith(file + ": valid\n")
                .contains("sources: 2 (kvm01, qemu+tls://kvm02/system)")
                .contains("store: postgresql")
                .contains("http: 127.0.0.1:8080 (plain http)")
                .contains("intake: flows on udp 2055; syslog on udp 514")
                .contains("delivery: webhook webhook, syslog syslog")
                .doesNotContain("s3cr3t").doesNotContain("DB_PASSWORD");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void invalidFileListsEveryProblemWithLineAndColumnAndExits2() throws Exception {
        Path file = Files.writeString(dir.resolve("virtguard.yaml"), """
                http:
                  port: 70000
                intake:
                  flows:
                    ports: [2055, 70000]
                lifecycle: {resync: soon}
                """);

        CliRun run = CliRun.run("config", "validate", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                file + ":2:9: http.port: 70000 is not a TCP port (1-65535, or 0 for a free port)",
                file + ":5:19: intake.flows.ports[1]: 70000 is not a UDP port (1-65535, or 0 for a free port)",
                file + ":6:21: lifecycle.resync: 'soon' is not a duration (a number and s, m, h or d: 30s, 15m, 1h, "
                        + "30d)",
                file + ": invalid");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownKeyAndMissingFileAreReported() throws Exception {
        Path file = Files.writeString(dir.resolve("virtguard.yaml"), """
                policy:
                  zone: zones.yaml
                """);
        CliRun run = CliRun.run("config", "validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + ":2:3: unknown field 'policy.zone' (known: checksDirs, exceptions, zones)");

        CliRun absent = CliRun.run("config", "validate", dir.resolve("absent.yaml").toString());
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).contains(dir.resolve("absent.yaml") + ": file not found");
    }

    @Test
    void exampleIsPrintedAndValidates() throws Exception {
        CliRun example = CliRun.run("config", "example");
        assertThat(example.exitCode()).isZero();
        assertThat(example.out()).contains("secretEnv: VIRTGUARD_WEBHOOK_SECRET").contains("# ");
        Path file = Files.writeString(dir.resolve("example.yaml"), example.out());

        CliRun withoutFiles = CliRun.run("config", "validate", "--no-file-checks", file.toString());
        assertThat(withoutFiles.exitCode()).as(withoutFiles.toString()).isZero();
        assertThat(withoutFiles.out()).contains("sources: 2 (kvm01, vcenter)")
                .contains("intake: flows on udp 2055, 4739, 6343; syslog on udp 5514, tcp 1514, tls 6514")
                .contains("delivery: webhook soc, webhook ticketing, syslog siem");

        CliRun withFiles = CliRun.run("config", "validate", file.toString());
        assertThat(withFiles.exitCode()).isEqualTo(2);
        // the example names files under /etc/virtguard and /var/lib/virtguard that this machine need not have;
        // one of them is certainly missing here: the KEV download the example points at
        assertThat(withFiles.err()).contains("exposure.kev: file "
                + "'/var/lib/virtguard/feeds/known_exploited_vulnerabilities.json' does not exist");
    }
}
