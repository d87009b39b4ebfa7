package org.virtguard.logs.parse;

/** Turns the message of one product's log line into an {@link AuthEvent}. */
interface ProductParser {

    /** Whether this parser handles lines of the record's program. Must not allocate. */
    boolean handles(SyslogRecord record);

    /** The event the line reports, or {@code null} when it is not about authentication. */
    AuthEvent parse(SyslogRecord record);
}
