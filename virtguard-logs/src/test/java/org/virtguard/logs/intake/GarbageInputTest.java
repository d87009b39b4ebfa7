package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Alert;

/** Hostile input between valid lines: every bad line is counted and skipped, the valid ones still count. */
class GarbageInputTest {

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    private static String failure(int second) {
        return "Dec 10 06:55:" + (10 + second) + " LabSZ sshd[1]: Failed password for root from 203.0.113.66 port 4000 ssh2";
    }

    @Test
    void garbageIsCountedAndTheValidLinesAroundItAreProcessed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, failure(0));
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        binary[10] = 0;
        for (int i = 0; i < binary.length; i++) {
            if (binary[i] == '\n') {
                binary[i] = 1;
            }
        }
        out.writeBytes(binary);
        out.write('\n');
        line(out, failure(1));
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) 'A');
        out.writeBytes(huge);
        out.write('\n');
        line(out, failure(2));
        out.writeBytes("Dec 10 06:55:40 LabSZ sshd[1]: Failed password for r".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        line(out, "t from 203.0.113.66 port 4000 ssh2");
        line(out, "Feb 30 06:55:41 LabSZ sshd[1]: Failed password for root from 203.0.113.66 port 4000 ssh2");
        line(out, "Dec 99 99:99:99 LabSZ sshd[1]: Failed password for root from 203.0.113.66 port 4000 ssh2");
        line(out, "<13>1 0000-00-00T00:00:00Z LabSZ sshd - - - Failed password for root from 203.0.113.66");
        line(out, "no header at all");
        line(out, "Dec 10 06:55:45 LabSZ sshd[1]: Failed password for invalid user \u001b[31mred from 203.0.113.66 port 1 ssh2");
        line(out, failure(3));

        LogPipeline p = Pipelines.offline(2016);
        new LogFileImporter(p, 64 * 1024).importStream(new ByteArrayInputStream(out.toByteArray()));

        IntakeStats s = p.stats();
        assertThat(s.get(IntakeCounter.BINARY)).isEqualTo(1);
        assertThat(s.get(IntakeCounter.TOO_LONG)).isEqualTo(1);
        assertThat(s.get(IntakeCounter.INVALID_UTF8)).isEqualTo(1);
        assertThat(s.get(IntakeCounter.BAD_TIMESTAMP)).isEqualTo(3);
        assertThat(s.get(IntakeCounter.BAD_HEADER)).isEqualTo(1);
        assertThat(s.get(IntakeCounter.AUTH_EVENTS)).isEqualTo(6);
        assertThat(s.get(IntakeCounter.LINES)).isEqualTo(12);
        assertThat(s.get(IntakeCounter.CONTROL_CHARACTERS)).isEqualTo(1);
        Alert alert = Pipelines.bruteForceFrom(p, "203.0.113.66");
        assertThat(alert).isNotNull();
        assertThat(alert.count()).isEqualTo(6);
        assertThat(alert.evidence()).noneMatch(l -> l.indexOf(0x1b) >= 0).anyMatch(l -> l.contains("user ?[31mred"));
        assertThat(alert.attributes().get("accounts")).contains("root").contains("\uFFFD");
    }

    @Test
    void aFinalLineWithoutNewlineAndCrLfLinesAreRead() throws Exception {
        String text = failure(0) + "\r\n" + failure(1) + "\r\n" + failure(2);
        LogPipeline p = Pipelines.offline(2016);
        new LogFileImporter(p, 1024).importStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(p.stats().get(IntakeCounter.AUTH_EVENTS)).isEqualTo(3);
        assertThat(Pipelines.bruteForceFrom(p, "203.0.113.66").evidence()).noneMatch(l -> l.endsWith("\r"));
    }
}
