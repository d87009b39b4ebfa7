package org.virtguard.logs.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of one line into text: trims the line end, refuses binary (a NUL byte, which no daemon's log
 * line carries), replaces other control characters, and decodes UTF-8, replacing invalid sequences (counted)
 * rather than dropping the line, so that a bad byte in a user name cannot hide an attempt. Printable ASCII
 * lines take a fast path. Not thread-safe.
 */
final class LineDecoder {

    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The line's text, or {@code null} when it was skipped (and counted in {@code stats}). */
    String decode(byte[] buf, int off, int len, IntakeStats stats) {
        while (len > 0 && (buf[off + len - 1] == '\n' || buf[off + len - 1] == '\r' || buf[off + len - 1] == 0)) {
            len--;
        }
        boolean plain = true;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = buf[i];
            if (b == 0) {
                stats.increment(IntakeCounter.BINARY);
                return null;
            }
            if (b < 0x20 || b == 0x7f) {
                plain = false;
            }
        }
        if (plain) {
            return new String(buf, off, len, StandardCharsets.ISO_8859_1);
        }
        String text;
        strict.reset();
        CharBuffer out = CharBuffer.allocate(len);
        CoderResult result = strict.decode(ByteBuffer.wrap(buf, off, len), out, true);
        if (result.isError()) {
            stats.increment(IntakeCounter.INVALID_UTF8);
            text = new String(buf, off, len, StandardCharsets.UTF_8);
        } else {
            out.flip();
            text = out.toString();
        }
        return neutralizeControls(text, stats);
    }

    /** Replaces C0 and C1 control characters (except tab) so that evidence cannot drive a terminal. */
    private static String neutralizeControls(String text, IntakeStats stats) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                if (chars == null) {
                    chars = text.toCharArray();
                    stats.increment(IntakeCounter.CONTROL_CHARACTERS);
                }
                chars[i] = '?';
            }
        }
        return chars == null ? text : new String(chars);
    }
}
