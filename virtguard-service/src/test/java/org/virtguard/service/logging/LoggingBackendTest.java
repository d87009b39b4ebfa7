package org.virtguard.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.StoreException;

/** The SLF4J backend as SLF4J finds it: repeats counted, one line per error with its code, JSON, levels, masking. */
class LoggingBackendTest {

    @TempDir
    Path temp;

    @AfterEach
    void back() {
        VirtGuardLogging.configure(LogSettings.standardError(LogLevel.WARN));
    }

    @Test
    void aThousandIdenticalErrorsGiveABoundedNumberOfLinesWithTheirCount() throws Exception {
        Path file = temp.resolve("virtguard.log");
        configure(LogLevel.INFO, Map.of(), false, file);
        Logger log = LoggerFactory.getLogger("org.virtguard.test.Repeats");
        StoreException error = new StoreException(ErrorCode.STORE_UNAVAILABLE, "connection refused",
                new java.net.ConnectException("Connection refused"));
        for (int i = 0; i < 1_000; i++) {
            log.error("request GET /api/v1/vms failed", error);
        }
        VirtGuardLogging.flushRepeats();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSizeLessThanOrEqualTo(3);
        assertThat(lines.get(0)).contains("ERROR", "request GET /api/v1/vms failed", "[STORE_UNAVAILABLE]",
                "java.net.ConnectException: Connection refused").doesNotContain("repeated");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("(repeated 999 more times)"));
        assertThat(String.join("\n", lines)).as("no stack trace at info").doesNotContain("\tat ");
    }

    @Test
    void stackTracesOnlyForLoggersAtDebug() throws Exception {
        Path file = temp.resolve("debug.log");
        configure(LogLevel.INFO, Map.of("org.virtguard.test.deep", LogLevel.DEBUG), false, file);
        LoggerFactory.getLogger("org.virtguard.test.shallow").warn("shallow", new IllegalStateException("one"));
        LoggerFactory.getLogger("org.virtguard.test.deep.Thing").warn("deep", new IllegalStateException("two"));
        LoggerFactory.getLogger("org.virtguard.test.shallow").debug("not written at info");
        String text = Files.readString(file);
        assertThat(text).contains("shallow: java.lang.IllegalStateException: one").contains("deep")
                .doesNotContain("not written");
        assertThat(text.split("\tat ", -1).length).as("stack frames").isGreaterThan(1);
        assertThat(text.substring(0, text.indexOf("deep"))).doesNotContain("\tat ");
    }

    @Test
    void jsonLinesCarryLevelLoggerCodeAndMaskedSecrets() throws Exception {
        Path file = temp.resolve("json.log");
        configure(LogLevel.INFO, Map.of(), true, file);
        SecretMask.register("s3cret-webhook-key-42");
        Logger log = LoggerFactory.getLogger("org.virtguard.test.Json");
        log.warn("sending with key s3cret-webhook-key-42 to\nhost, password=hunter2hunter2 \"quoted\"",
                new StoreException(ErrorCode.STORE_DISK_FULL, "full"));
        log.info("Authorization: Bearer abcdefghijkl");
        log.info("GET /alerts HTTP/1.1\r\nCookie: vg_session=sessionvalue1234\r\nHost: x\r\n");
        log.info("303\r\nSet-Cookie: __Host-vg_session=sessionvalue5678; Path=/; Secure\r\n");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).contains("Host: x");
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("WARN");
        assertThat(first.path("logger").asText()).isEqualTo("org.virtguard.test.Json");
        assertThat(first.path("code").asText()).isEqualTo("STORE_DISK_FULL");
        assertThat(first.path("message").asText()).contains("\n").contains("\"quoted\"");
        assertThat(String.join("\n", lines)).doesNotContain("s3cret-webhook-key-42").doesNotContain("hunter2hunter2")
                .doesNotContain("abcdefghijkl").doesNotContain("sessionvalue");
    }

    @Test
    void theFileIsRotatedBySize() throws Exception {
        Path file = temp.resolve("rotated.log");
        VirtGuardLogging.configure(new LogSettings(LogLevel.INFO, Map.of(), false, file, 64 * 1024, 2,
                Duration.ofMinutes(1)));
        Logger log = LoggerFactory.getLogger("org.virtguard.test.Rotate");
        for (int i = 0; i < 2_000; i++) {
            log.info("line {} {}", i, "x".repeat(100));
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(64 * 1024);
        assertThat(temp.resolve("rotated.log.1")).exists();
        assertThat(temp.resolve("rotated.log.2")).exists();
        assertThat(temp.resolve("rotated.log.3")).doesNotExist();
        assertThat(Files.readString(file)).contains("line 1999");
    }

    private static void configure(LogLevel level, Map<String, LogLevel> levels, boolean json, Path file) {
        VirtGuardLogging.configure(new LogSettings(level, levels, json, file, 50L << 20, 5, Duration.ofMinutes(1)));
    }
}
