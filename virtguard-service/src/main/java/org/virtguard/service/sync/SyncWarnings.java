package org.virtguard.service.sync;

import java.io.PrintWriter;

import org.virtguard.model.CollectionWarning;

/** Prints what a sync could not read (source failures and per-object collection warnings), bounded. */
public final class SyncWarnings {

    /** Warnings shown before the rest are only counted. */
    public static final int SHOWN = 20;

    private SyncWarnings() {
    }

    /**
     * Prints failures and warnings to {@code err}: every one when {@code all}, else the first {@value #SHOWN}
     * warnings and a count of the rest.
     *
     * @param failureSuffix said after each failed source (what happens to its data)
     */
    public static void print(SyncReport report, PrintWriter err, boolean all, String failureSuffix) {
        int shown = 0;
        for (SourceResult result : report.results()) {
            if (!result.succeeded()) {
                err.println("virtguard: error: " + result.message() + failureSuffix);
                continue;
            }
            for (CollectionWarning warning : result.snapshot().warnings()) {
                if (all || shown < SHOWN) {
                    err.println("virtguard: warning: " + result.sourceId() + ": " + warning.object() + ": "
                            + warning.message());
                }
                shown++;
            }
        }
        if (!all && shown > SHOWN) {
            err.println("virtguard: " + (shown - SHOWN) + " more warnings (use --verbose)");
        }
        err.flush();
    }
}
