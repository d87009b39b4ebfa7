package org.virtguard.logs.intake;

/**
 * Splits a syslog TCP or TLS byte stream into messages per RFC 6587: octet counting ({@code LEN SP MSG}, the
 * RFC 5425 framing) or non-transparent framing (one message per line, LF-terminated, NUL also accepted). The
 * method is chosen per message by its first byte, so mixed senders work; a "count" that turns out not to be one
 * is treated as the start of a line. Frames above the limit are skipped (counted) without being buffered.
 * Not thread-safe: one per connection.
 */
public final class SyslogFrameDecoder {

    private enum State { START, COUNT, OCTETS, LINE, SKIP_LINE, SKIP_OCTETS }

    private static final int MAX_COUNT_DIGITS = 9;

    private final byte[] buf;
    private final IntakeStats stats;
    private final FrameSink sink;
    private State state = State.START;
    private int size;
    private long remaining;
    private int digits;

    public SyslogFrameDecoder(int maxFrame, IntakeStats stats, FrameSink sink) {
        if (maxFrame < 64) {
            throw new IllegalArgumentException("maxFrame must be at least 64 bytes: " + maxFrame);
        }
        this.buf = new byte[maxFrame];
        this.stats = stats;
        this.sink = sink;
    }

    /** Consumes bytes as they arrive. */
    public void feed(byte[] data, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (state) {
                case START -> {
                    byte b = data[i++];
                    if (b >= '1' && b <= '9') {
                        state = State.COUNT;
                        size = 0;
                        buf[size++] = b;
                        remaining = b - '0';
                        digits = 1;
                    } else if (b != '\n' && b != '\r' && b != 0) {
                        state = State.LINE;
                        size = 0;
                        buf[size++] = b;
                    }
                }
                case COUNT -> {
                    byte b = data[i++];
                    if (b >= '0' && b <= '9' && digits < MAX_COUNT_DIGITS) {
                        remaining = remaining * 10 + (b - '0');
                        buf[size++] = b;
                        digits++;
                    } else if (b == ' ') {
                        if (remaining > buf.length) {
                            stats.increment(IntakeCounter.LINES);
                            stats.increment(IntakeCounter.TOO_LONG);
                            state = State.SKIP_OCTETS;
                        } else {
                            size = 0;
                            state = State.OCTETS;
                        }
                    } else if (b >= '0' && b <= '9') {
                        stats.increment(IntakeCounter.FRAMING_ERRORS);
                        state = State.SKIP_LINE;
                    } else {
                        state = State.LINE;
                        i--;
                    }
                }
                case OCTETS -> {
                    int n = (int) Math.min(remaining, end - i);
                    System.arraycopy(data, i, buf, size, n);
                    size += n;
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        emit();
                    }
                }
                case SKIP_OCTETS -> {
                    int n = (int) Math.min(remaining, end - i);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.START;
                    }
                }
                case LINE -> {
                    byte b = data[i++];
                    if (b == '\n' || b == 0) {
                        emit();
                    } else if (size == buf.length) {
                        stats.increment(IntakeCounter.LINES);
                        stats.increment(IntakeCounter.TOO_LONG);
                        state = b == '\n' ? State.START : State.SKIP_LINE;
                    } else {
                        buf[size++] = b;
                    }
                }
                case SKIP_LINE -> {
                    byte b = data[i++];
                    if (b == '\n' || b == 0) {
                        state = State.START;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** The stream ended: a last unterminated line is delivered; a truncated counted frame is a framing error. */
    public void finish() {
        if (state == State.LINE && size > 0) {
            emit();
        } else if (state == State.COUNT) {
            state = State.LINE;
            emit();
        } else if (state == State.OCTETS || state == State.SKIP_OCTETS) {
            stats.increment(IntakeCounter.FRAMING_ERRORS);
        }
        state = State.START;
        size = 0;
    }

    private void emit() {
        int len = size;
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        state = State.START;
        size = 0;
        if (len > 0) {
            sink.frame(buf, 0, len);
        }
    }
}
