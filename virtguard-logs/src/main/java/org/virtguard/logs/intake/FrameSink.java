package org.virtguard.logs.intake;

/** Receives one complete syslog message; the bytes are only valid during the call. */
@FunctionalInterface
public interface FrameSink {
    void frame(byte[] buf, int off, int len);
}
