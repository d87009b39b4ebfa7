package org.virtguard.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigExampleTest {

    @TempDir
    Path dir;

    @Test
    void exampleBindsAndValidatesOnceItsFilesExistAndSetsEverySection() throws IOException {
        Path file = dir.resolve("virtguard.yaml");
        Files.writeString(file, ConfigExample.text().replace("/etc/virtguard/", dir + "/etc/")
                .replace("/var/lib/virtguard", dir + "/var"));
        VirtGuardConfig named = new ConfigLoader().load(file, FileChecks.SKIP);
        for (String referenced : referencedFiles(named)) {
            Files.createDirectories(Path.of(referenced).getParent());
            Files.writeString(Path.of(referenced), "0123456789abcdef0123\n");
        }
        // the response policy's content is validated too, as serve reads it
        Files.writeString(Path.of(named.response().policy()), "quarantine: {method: nwfilter}\n");
        for (String checks : named.policy().checksDirs()) {
            Files.createDirectories(Path.of(checks));
        }

        VirtGuardConfig config = new ConfigLoader().load(file);

        assertThat(config.dataDir()).isEqualTo(dir + "/var");
        assertThat(config.store().url()).startsWith("jdbc:postgresql:");
        assertThat(config.http().tls().keystore()).endsWith("https.p12");
        assertThat(config.sources()).extracting(SourceConfig::id).containsExactly("kvm01", "vcenter");
        assertThat(config.sources().get(0).options()).containsEntry("site", "dc1");
        assertThat(config.policy().checksDirs()).hasSize(1);
        assertThat(config.exposure().advisories()).hasSize(1);
        assertThat(config.exposure().nvd()).hasSize(1);
        assertThat(config.exposure().builds()).hasSize(2);
        assertThat(config.response().policy()).endsWith("response.yaml");
        assertThat(config.lifecycle().resync()).isEqualTo("15m");
        assertThat(config.intake().flows().allowedExporters()).containsExactly("10.20.0.0/16", "2001:db8:20::/48");
        assertThat(config.intake().syslog().tls().port()).isEqualTo(6514);
        assertThat(config.detectors().flows().managementPorts()).contains(16514);
        assertThat(config.detectors().auth().lockoutStorm()).isEqualTo(3);
        assertThat(config.delivery().webhookNames()).containsExactly("soc", "ticketing");
        assertThat(config.delivery().syslog().getFirst().format()).isEqualTo("cef");
        assertThat(config.retention().alerts()).isEqualTo("365d");
        assertThat(config.audit().checkpoints().every()).isEqualTo("1m");
        assertThat(config.audit().checkpoints().keyFile()).endsWith("audit-checkpoint.key");
    }

    @Test
    void everyKeyOfTheConfigurationRecordsIsInTheExample() throws IOException {
        String text = ConfigExample.text();
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(text);
        List<String> missing = new ArrayList<>();
        walk(List.of(tree), VirtGuardConfig.class, "", text, missing);
        assertThat(missing).as("keys without an entry in virtguard.example.yaml").isEmpty();
    }

    @Test
    void everyKeyInTheExampleHasACommentAbove() {
        List<String> lines = ConfigExample.text().lines().toList();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.matches("(- )?[A-Za-z-]+:.*") && !lines.get(i - 1).strip().startsWith("#") && !isRepeatedListEntry(lines, i)) {
                throw new AssertionError("no comment above line " + (i + 1) + ": " + lines.get(i));
            }
        }
    }

    @Test
    void exampleHoldsNoSecretsOnlyReferences() {
        String text = ConfigExample.text();
        assertThat(text).doesNotContainPattern(Pattern.compile("(?m)^\\s*(password|secret|token):"));
        assertThat(text).contains("passwordFile: /etc/virtguard/db.password")
                .contains("secretEnv: VIRTGUARD_WEBHOOK_SECRET");
    }

    /** Keys already explained for the first source or webhook need no second comment on later entries. */
    private static boolean isRepeatedListEntry(List<String> lines, int index) {
        String key = lines.get(index).strip().replaceFirst("^- ", "").replaceFirst(":.*", "");
        return lines.subList(0, index).stream().filter(l -> l.strip().replaceFirst("^- ", "").startsWith(key + ":"))
                .count() >= 1;
    }

    private static void walk(List<JsonNode> nodes, Class<?> type, String path, String text, List<String> missing) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            String childPath = path.isEmpty() ? name : path + "." + name;
            List<JsonNode> values = nodes.stream().map(n -> n.get(name)).filter(v -> v != null && !v.isNull())
                    .toList();
            if (values.isEmpty()) {
                if (!Pattern.compile("(?m)^\\s*# " + name + ": \\S").matcher(text).find()) {
                    missing.add(childPath);
                }
                continue;
            }
            Type generic = component.getGenericType();
            Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) generic;
            if (raw.isRecord()) {
                walk(values, raw, childPath, text, missing);
            } else if (List.class.isAssignableFrom(raw)) {
                Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
                List<JsonNode> entries = values.stream()
                        .flatMap(v -> StreamSupport.stream(v.spliterator(), false)).toList();
                if (entries.isEmpty()) {
                    missing.add(childPath + "[]");
                } else if (element instanceof Class<?> c && c.isRecord()) {
                    walk(entries, c, childPath + "[]", text, missing);
                }
            } else if (Map.class.isAssignableFrom(raw) && values.stream().allMatch(JsonNode::isEmpty)) {
                missing.add(childPath);
            }
        }
    }

    private static List<String> referencedFiles(VirtGuardConfig config) {
        List<String> files = new ArrayList<>();
        files.add(config.store().passwordFile());
        files.add(config.audit().checkpoints().keyFile());
        files.add(config.http().tls().keystore());
        files.add(config.http().tls().passwordFile());
        config.sources().forEach(s -> files.add(s.credentials() == null ? null : s.credentials().passwordFile()));
        files.add(config.policy().zones());
        files.add(config.exposure().kev());
        files.addAll(config.exposure().advisories());
        files.addAll(config.exposure().nvd());
        files.addAll(config.exposure().builds());
        files.add(config.response().policy());
        files.add(config.intake().syslog().tls().keystore());
        files.add(config.intake().syslog().tls().passwordFile());
        config.delivery().webhooks().forEach(w -> files.add(w.secretFile()));
        return files.stream().filter(f -> f != null).toList();
    }
}
