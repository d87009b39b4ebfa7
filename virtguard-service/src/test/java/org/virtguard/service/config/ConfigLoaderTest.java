package org.virtguard.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.service.ServiceException;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("virtguard.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsSourcesStoreAndCredentialReferences() throws IOException {
        VirtGuardConfig config = new ConfigLoader().load(write("""
                dataDir: /var/lib/virtguard
                store:
                  url: jdbc:postgresql://db01/virtguard
                  user: vg
                  passwordEnv: DB_PASS
                sources:
                  - id: kvm01
                    uri: qemu+ssh://virtguard@kvm01/system
                  - uri: qemu+tls://kvm02/system
                    options: {site: dc2}
                    credentials: {username: svc, passwordEnv: KVM02_PASS}
                """));
        assertThat(config.dataDir()).isEqualTo("/var/lib/virtguard");
        assertThat(config.store().passwordEnv()).isEqualTo("DB_PASS");
        assertThat(config.sources()).hasSize(2);
        assertThat(config.sources().get(1).options()).containsEntry("site", "dc2");
        assertThat(config.sources().get(1).credentials().passwordEnv()).isEqualTo("KVM02_PASS");
    }

    @Test
    void unknownFieldIsNamedWithItsPath() throws IOException {
        Path file = write("""
                sources:
                  - uri: qemu:///system
                    pasword: hunter2
                """);
        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown field 'sources[0].pasword'");
    }

    @Test
    void syntaxErrorIsNamedWithLineAndColumn() throws IOException {
        Path file = write("""
                sources:
                  - uri: qemu:///system
                   id: [unclosed
                """);
        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageMatching("(?s).*line [34], column \\d+.*");
    }

    @Test
    void passwordInSourceUriIsRejectedWithoutEchoingIt() throws IOException {
        Path file = write("""
                sources:
                  - uri: qemu+tcp://admin:S3cretPass@kvm01/system
                """);
        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("sources[0].uri")
                .hasMessageContaining("contains a password")
                .hasMessageNotContaining("S3cretPass");
    }

    @Test
    void passwordInJdbcUrlIsRejected() throws IOException {
        Path file = write("""
                store:
                  url: jdbc:postgresql://db01/virtguard?user=vg&password=S3cret
                """);
        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .hasMessageContaining("store.url").hasMessageNotContaining("S3cret");
    }

    @Test
    void duplicateSourceIdsAreRejected() throws IOException {
        Path file = write("""
                sources:
                  - {id: kvm, uri: "qemu+ssh://a/system"}
                  - {id: kvm, uri: "qemu+ssh://b/system"}
                """);
        assertThatThrownBy(() -> new ConfigLoader().load(file)).hasMessageContaining("sources[1].id 'kvm'");
    }

    @Test
    void missingFileIsAClearError() {
        Path file = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("file not found");
    }

    @Test
    void yamlAliasBombIsRejected() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        Path file = write(yaml.toString());
        assertThatThrownBy(() -> new ConfigLoader().load(file)).isInstanceOf(ServiceException.class);
    }

    @Test
    void secretsComeFromEnvironmentAndFilesAndAreNeverShown() throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "from-file\nsecond line ignored\n");
        SecretCredentials fromFile = new SecretCredentials("kvm", new CredentialConfig("svc", null, null,
                secret.toString()), Map.of());
        assertThat(new String(fromFile.password().orElseThrow())).isEqualTo("from-file");
        assertThat(fromFile.username()).contains("svc");
        assertThat(fromFile.toString()).doesNotContain("from-file");

        SecretCredentials fromEnv = new SecretCredentials("kvm", new CredentialConfig(null, "U", "P", null),
                Map.of("U", "alice", "P", "from-env"));
        assertThat(fromEnv.username()).contains("alice");
        assertThat(new String(fromEnv.password().orElseThrow())).isEqualTo("from-env");

        SecretCredentials missing = new SecretCredentials("kvm", new CredentialConfig(null, null, "NOPE", null),
                Map.of());
        assertThatThrownBy(missing::password).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("NOPE is not set");
    }

    // --- every kind of error names file:line:column and the key path -------------------------------------------

    /** Loads {@code yaml}, expects it to be refused, and returns the reported problems, one per line. */
    private List<String> problems(String yaml) throws IOException {
        return problems(write(yaml), FileChecks.CHECK);
    }

    private static List<String> problems(Path file, FileChecks checks) {
        try {
            new ConfigLoader().load(file, checks);
        } catch (ServiceException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
            assertThat(e.invalidConfiguration()).isTrue();
            return e.getMessage().lines().toList();
        }
        throw new AssertionError("configuration was accepted");
    }

    private String at(int line, int column) {
        return dir.resolve("virtguard.yaml") + ":" + line + ":" + column + ": ";
    }

    @Test
    void nestedUnknownKeyIsReportedAtItsOwnLineAndColumn() throws IOException {
        assertThat(problems("""
                http:
                  port: 8080
                intake:
                  flows:
                    ports: [2055]
                    prots: [1]
                """)).containsExactly(at(6, 5) + "unknown field 'intake.flows.prots' "
                + "(known: allowedExporters, bind, ports, queue, receiveBuffer)");
    }

    @Test
    void everyUnknownKeyIsReportedNotOnlyTheFirst() throws IOException {
        assertThat(problems("""
                dataDir: /tmp
                colour: blue
                sources:
                  - uri: qemu:///system
                    credentials: {username: a, pasword: b}
                """)).containsExactly(
                at(2, 1) + "unknown field 'colour' (known: audit, dataDir, delivery, detectors, disk, exposure, http, "
                        + "intake, lifecycle, logging, policy, response, retention, sources, store)",
                at(5, 32) + "unknown field 'sources[0].credentials.pasword' (known: passwordEnv, passwordFile, "
                        + "username, usernameEnv)");
    }

    @Test
    void auditCheckpointSettingsAreValidatedLikeTheOthers() throws IOException {
        assertThat(problems("""
                audit:
                  checkpoints:
                    every: 0s
                    keyFile: /nonexistent/key
                    keyEnv: "1BAD"
                """)).anySatisfy(p -> assertThat(p).contains("audit.checkpoints.every: must be longer than 0"))
                .anySatisfy(p -> assertThat(p).contains("audit.checkpoints: give keyFile or keyEnv, not both")
                        .doesNotContain("/nonexistent"))
                .anySatisfy(p -> assertThat(p).contains("audit.checkpoints.keyEnv"))
                .anySatisfy(p -> assertThat(p).contains("audit.checkpoints.keyFile"));
        assertThat(problems("""
                audit:
                  checkpoints:
                    every: 2d
                """)).anySatisfy(p -> assertThat(p).contains("audit.checkpoints.every: must be between 1s and 1d"));
    }

    @Test
    void wrongTypesAreReportedWithPathAndValue() throws IOException {
        assertThat(problems("""
                http:
                  port: eighty
                sources: {uri: qemu:///system}
                intake:
                  syslog:
                    udp: 514
                    ratePerSender: lots
                """)).containsExactly(
                at(2, 9) + "http.port: expected a whole number, found text 'eighty'",
                at(3, 10) + "sources: expected a list, found a mapping",
                at(7, 20) + "intake.syslog.ratePerSender: expected a number, found text 'lots'");
    }

    @Test
    void numberTooLargeForItsKeyIsAWrongType() throws IOException {
        assertThat(problems("http:\n  port: 99999999999\n"))
                .containsExactly(at(2, 9) + "http.port: expected a whole number, found '99999999999'");
    }

    @Test
    void portOutOfRangeNamesTheListEntry() throws IOException {
        assertThat(problems("""
                intake:
                  flows:
                    ports: [2055, 70000]
                """)).containsExactly(at(3, 19)
                + "intake.flows.ports[1]: 70000 is not a UDP port (1-65535, or 0 for a free port)");
    }

    @Test
    void httpPortZeroPicksAFreePortButNegativeIsRefused() throws IOException {
        assertThat(new ConfigLoader().load(write("http: {port: 0}\n")).http().port()).isZero();
        assertThat(problems("http: {port: -1}\n"))
                .containsExactly(at(1, 14) + "http.port: -1 is not a TCP port (1-65535, or 0 for a free port)");
    }

    @Test
    void badDurationsAreReported() throws IOException {
        assertThat(problems("""
                lifecycle:
                  resync: 15x
                  dormantAfter: 0d
                retention: {alerts: soon}
                detectors:
                  flows: {window: "-5s"}
                """)).containsExactly(
                at(2, 11) + "lifecycle.resync: '15x' is not a duration (a number and s, m, h or d: 30s, 15m, 1h, 30d)",
                at(3, 17) + "lifecycle.dormantAfter: must be longer than 0",
                at(4, 21) + "retention.alerts: 'soon' is not a duration (a number and s, m, h or d: 30s, 15m, 1h, "
                        + "30d)",
                at(6, 19) + "detectors.flows.window: '-5s' is not a duration (a number and s, m, h or d: 30s, 15m, "
                        + "1h, 30d)");
    }

    @Test
    void badCidrsAreReported() throws IOException {
        assertThat(problems("""
                intake:
                  flows:
                    allowedExporters: [10.0.0.0/8, 10.0.0.0/33, 10.1.0.0/8]
                  syslog:
                    udp: 514
                    allowedSenders:
                      - 2001:db8::/32
                      - db01.example.org
                """)).containsExactly(
                at(3, 36) + "intake.flows.allowedExporters[1]: '10.0.0.0/33' has no valid prefix length (0-32)",
                at(3, 49) + "intake.flows.allowedExporters[2]: '10.1.0.0/8' has address bits set beyond the /8 prefix",
                at(8, 9) + "intake.syslog.allowedSenders[1]: 'db01.example.org' is not an IP address or CIDR block "
                        + "(e.g. 10.0.0.0/8 or 2001:db8::/32)");
    }

    @Test
    void webhookUrlsMustBeHttpWithoutSecrets() throws IOException {
        List<String> problems = problems("""
                delivery:
                  webhooks:
                    - {url: "ftp://soc.example.org/in", secretEnv: S}
                    - {url: "https://soc.example.org/in?token=abc123", secretEnv: S}
                    - {url: "https://bob:hunter2@soc.example.org/in", secretEnv: S}
                    - {secretEnv: S}
                """);
        assertThat(problems).containsExactly(
                at(3, 13) + "delivery.webhooks[0].url: is not an http or https URL",
                at(4, 13) + "delivery.webhooks[1].url: the URL contains a password or token; give the secret "
                        + "through secretEnv or secretFile",
                at(5, 13) + "delivery.webhooks[2].url: the URL contains a password or token; give the secret "
                        + "through secretEnv or secretFile",
                at(6, 7) + "delivery.webhooks[3].url: is required");
        assertThat(String.join("\n", problems)).doesNotContain("abc123").doesNotContain("hunter2");
    }

    @Test
    void webhookNeedsExactlyOneSecretSource() throws IOException {
        Path secret = Files.writeString(dir.resolve("hook.secret"), "0123456789abcdef\n");
        assertThat(problems("""
                delivery:
                  webhooks:
                    - {url: "https://a.example.org/", secretEnv: HOOK, secretFile: %s}
                    - url: "https://b.example.org/"
                """.formatted(secret))).containsExactly(
                at(3, 7) + "delivery.webhooks[0]: give secretEnv or secretFile, not both",
                at(4, 7) + "delivery.webhooks[1]: give secretEnv or secretFile");
    }

    @Test
    void syslogTargetsAndFormatsAreChecked() throws IOException {
        assertThat(problems("""
                delivery:
                  syslog:
                    - {target: "udp://siem.example.org:514", format: cef}
                    - {target: "siem.example.org:514"}
                    - {target: "tcp://siem.example.org:0"}
                    - {target: "tcp://[2001:db8::1]:6514", format: leef}
                """)).containsExactly(
                at(4, 16) + "delivery.syslog[1].target: 'siem.example.org:514' is not udp://host:port or "
                        + "tcp://host:port",
                at(5, 16) + "delivery.syslog[2].target: 0 is not a TCP port (1-65535)",
                at(6, 52) + "delivery.syslog[3].format: 'leef' is not a syslog format (rfc5424 or cef)");
    }

    @Test
    void deliveryTargetNamesAreUniqueAfterDefaults() throws IOException {
        assertThat(problems("""
                delivery:
                  webhooks:
                    - {url: "https://a.example.org/", secretEnv: A}
                    - {name: webhook, url: "https://b.example.org/", secretEnv: B}
                  syslog:
                    - {name: ../../etc, target: "udp://siem:514"}
                """)).containsExactly(
                at(4, 14) + "delivery.webhooks[1].name: target name 'webhook' is also the name of "
                        + "delivery.webhooks[0]",
                at(6, 14) + "delivery.syslog[0].name: '../../etc' is not a target name (letters, digits, '.', '_' "
                        + "and '-', at most 64, not starting with '.' or '-')");
    }

    @Test
    void tlsSectionsNeedAKeystoreAndExactlyOnePasswordSource() throws IOException {
        Path keystore = Files.writeString(dir.resolve("server.p12"), "not really pkcs12");
        assertThat(problems("""
                http:
                  tls: {passwordEnv: A, passwordFile: /nonexistent/pw}
                intake:
                  syslog:
                    tls:
                      port: 6514
                      keystore: %s
                """.formatted(keystore))).containsExactly(
                at(2, 8) + "http.tls.keystore: is required",
                at(2, 8) + "http.tls: give passwordFile or passwordEnv, not both",
                at(2, 39) + "http.tls.passwordFile: file '/nonexistent/pw' does not exist",
                at(6, 7) + "intake.syslog.tls: give passwordFile or passwordEnv");
    }

    @Test
    void detectorThresholdsStayWithinWhatTheDetectorsAccept() throws IOException {
        assertThat(problems("""
                detectors:
                  flows:
                    portScanPorts: 1
                    managementPorts: [22, 0]
                  auth:
                    failures: 0
                    sprayAccounts: 1001
                    window: 2h
                    slowWindow: 1h
                """)).containsExactly(
                at(3, 20) + "detectors.flows.portScanPorts: 1 is out of range (2-2147483647)",
                at(4, 27) + "detectors.flows.managementPorts[1]: 0 is not a TCP port (1-65535)",
                at(6, 15) + "detectors.auth.failures: 0 is out of range (1-1000)",
                at(7, 20) + "detectors.auth.sprayAccounts: 1001 is out of range (1-1000)",
                at(9, 17) + "detectors.auth.slowWindow: slowWindow (PT1H) is shorter than window (PT2H)");
    }

    @Test
    void syslogIntakeNeedsATransport() throws IOException {
        assertThat(problems("""
                intake:
                  syslog:
                    bind: 127.0.0.1
                """)).containsExactly(at(3, 5) + "intake.syslog: no transport: set udp, tcp or tls");
    }

    @Test
    void missingReferencedFilesAreNamedWithTheirKey() throws IOException {
        Files.createDirectories(dir.resolve("checks"));
        assertThat(problems("""
                policy:
                  zones: /nonexistent/zones.yaml
                  checksDirs: [%s, %s]
                exposure:
                  advisories:
                    - /nonexistent/advisories.yaml
                response: {policy: /nonexistent/response.yaml}
                """.formatted(dir.resolve("checks"), dir.resolve("absent")))).containsExactly(
                at(2, 10) + "policy.zones: file '/nonexistent/zones.yaml' does not exist",
                at(3, 18 + dir.resolve("checks").toString().length()) + "policy.checksDirs[1]: directory '"
                        + dir.resolve("absent") + "' does not exist",
                at(6, 7) + "exposure.advisories[0]: file '/nonexistent/advisories.yaml' does not exist",
                at(7, 20) + "response.policy: file '/nonexistent/response.yaml' does not exist");
    }

    @Test
    void theResponsePolicyFileIsValidatedAsTheServiceWillReadIt() throws IOException {
        Path policy = dir.resolve("response.yaml");
        Files.writeString(policy, "quarantine: {method: unplug}\n");
        assertThat(problems("response: {policy: " + policy + "}\n")).containsExactly(at(1, 20)
                + "response.policy: " + policy + ": quarantine.method: unknown quarantine method 'unplug' (network, "
                + "nwfilter)");
        Files.writeString(policy, "quarantine: {method: nwfilter}\ntriggers: [{on: x, action: quarantine, mode: "
                + "automatic}]\n");
        assertThat(new ConfigLoader().load(write("response: {policy: " + policy + "}\n")).response().policy())
                .isEqualTo(policy.toString());
    }

    @Test
    void fileChecksCanBeSkipped() throws IOException {
        VirtGuardConfig config = new ConfigLoader().load(write("policy: {zones: /nonexistent/zones.yaml}\n"),
                FileChecks.SKIP);
        assertThat(config.policy().zones()).isEqualTo("/nonexistent/zones.yaml");
    }

    @Test
    void sourceProblemsAreAllCollected() throws IOException {
        assertThat(problems("""
                sources:
                  - {id: kvm, uri: "qemu+ssh://a/system"}
                  - id: kvm
                    uri: "qemu+ssh://b/system"
                    credentials: {passwordEnv: "KVM PASS", passwordFile: /nonexistent/pw}
                  - {id: other}
                """)).containsExactly(
                at(3, 5) + "sources[1].id 'kvm' is used by another source (sources[0])",
                at(5, 18) + "sources[1].credentials: give passwordEnv or passwordFile, not both",
                at(5, 32) + "sources[1].credentials.passwordEnv: 'KVM PASS' is not an environment variable name "
                        + "(letters, digits and _)",
                at(5, 58) + "sources[1].credentials.passwordFile: file '/nonexistent/pw' does not exist",
                at(6, 5) + "sources[2].uri: is required");
    }

    @Test
    void aliasesAndDuplicateKeysAreRefused() throws IOException {
        assertThat(problems("""
                dataDir: &d /var/lib/virtguard
                store: {url: *d}
                http:
                  port: 8080
                  port: 9090
                """)).containsExactly(
                at(2, 14) + "store.url: YAML aliases (*'d') are not allowed; write the value out",
                at(5, 3) + "duplicate key 'http.port'");
    }

    @Test
    void manyProblemsAreCappedWithACount() throws IOException {
        StringBuilder yaml = new StringBuilder("intake:\n  flows:\n    ports:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("      - ").append(70000 + i).append('\n');
        }
        List<String> problems = problems(yaml.toString());
        assertThat(problems).hasSize(ConfigProblems.MAX_REPORTED + 1);
        assertThat(problems.getFirst()).startsWith(at(4, 9) + "intake.flows.ports[0]: 70000");
        assertThat(problems.getLast()).endsWith("virtguard.yaml: 10 more problems not shown");
    }

    @Test
    void secondDocumentAndDeepNestingAreRefused() throws IOException {
        assertThat(problems("dataDir: /a\n---\ndataDir: /b\n"))
                .containsExactly(at(3, 1) + "a second YAML document: the configuration is one document");
        String deep = "sources:\n  - options: " + "[".repeat(40) + "]".repeat(40) + "\n";
        assertThat(String.join("\n", problems(deep))).contains("nested deeper than");
    }

    @Test
    void emptyFileIsTheDefaultConfiguration() throws IOException {
        VirtGuardConfig config = new ConfigLoader().load(write(""));
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.sources()).isEmpty();
    }
}
