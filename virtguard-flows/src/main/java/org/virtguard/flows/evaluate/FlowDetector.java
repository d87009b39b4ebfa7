package org.virtguard.flows.evaluate;

import java.util.function.Consumer;

import org.virtguard.model.Alert;

/** Looks at attributed flows one at a time and raises alerts. Called from one pipeline thread. */
public interface FlowDetector {

    /** Examines one flow; raises any alert through {@code alerts}. */
    void observe(FlowContext flow, Consumer<Alert> alerts);
}
