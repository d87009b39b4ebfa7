package org.virtguard.flows.decode;

/** Receives decoded flows. The record is reused after the call returns: copy it to keep it. */
@FunctionalInterface
public interface FlowSink {

    /** Called once per decoded flow record. */
    void accept(FlowRecord record);
}
