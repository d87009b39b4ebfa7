package org.virtguard.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
