package org.virtguard.server.delivery;

import java.io.IOException;

/** Hands one spooled message to a receiver (a webhook, a syslog collector). */
public interface MessageSender {

    /**
     * Sends one message.
     *
     * @return whether the receiver accepted it; {@code false} (or an exception) keeps it in the spool for a retry
     * @throws IOException when the receiver cannot be reached
     */
    boolean send(String message) throws IOException, InterruptedException;
}
