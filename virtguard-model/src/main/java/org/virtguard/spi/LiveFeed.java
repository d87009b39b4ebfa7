package org.virtguard.spi;

/** A running live-change feed. */
public interface LiveFeed extends AutoCloseable {

    /** Whether the feed currently holds a working connection. */
    boolean connected();

    /** Stops the feed. Never throws. */
    @Override
    void close();
}
