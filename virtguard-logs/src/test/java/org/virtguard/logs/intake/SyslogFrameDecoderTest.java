package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {

    private final IntakeStats stats = new IntakeStats();
    private final List<String> frames = new ArrayList<>();
    private final SyslogFrameDecoder decoder = new SyslogFrameDecoder(128, stats,
            (buf, off, len) -> frames.add(new String(buf, off, len, StandardCharsets.UTF_8)));

    private void feedByteByByte(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            decoder.feed(b, i, 1);
        }
    }

    @Test
    void octetCountingCarriesNewlinesInsideAMessage() {
        feedByteByByte("10 <13>1 a\nbc12 <13>1 second");
        assertThat(frames).containsExactly("<13>1 a\nbc", "<13>1 second");
    }

    @Test
    void newlineFramingAndMixedSenders() {
        decoder.feed("<13>one\n<13>two\r\n5 <13>3".getBytes(StandardCharsets.UTF_8), 0, 24);
        decoder.finish();
        assertThat(frames).containsExactly("<13>one", "<13>two", "<13>3");
    }

    @Test
    void aLineStartingWithDigitsIsNotMistakenForACount() {
        feedByteByByte("2021-09-06T14:40:13Z host sshd[1]: x\n");
        assertThat(frames).containsExactly("2021-09-06T14:40:13Z host sshd[1]: x");
    }

    @Test
    void oversizedFramesAreSkippedWithoutLosingTheNextOne() {
        feedByteByByte("500 " + "x".repeat(500) + "4 <1>y");
        feedByteByByte("z".repeat(300) + "\n<13>ok\n");
        assertThat(frames).containsExactly("<1>y", "<13>ok");
        assertThat(stats.get(IntakeCounter.TOO_LONG)).isEqualTo(2);
    }

    @Test
    void aCountTooLongToBeRealIsAFramingError() {
        feedByteByByte("9999999999999 junk\n<13>after\n");
        assertThat(frames).containsExactly("<13>after");
        assertThat(stats.get(IntakeCounter.FRAMING_ERRORS)).isEqualTo(1);
    }

    @Test
    void aTruncatedCountedFrameAtTheEndIsAFramingError() {
        feedByteByByte("20 <13>short");
        decoder.finish();
        assertThat(frames).isEmpty();
        assertThat(stats.get(IntakeCounter.FRAMING_ERRORS)).isEqualTo(1);
    }
}
