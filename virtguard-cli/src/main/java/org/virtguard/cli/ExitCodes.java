package org.virtguard.cli;

/** Process exit codes of the {@code virtguard} command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command failed. */
    public static final int ERROR = 1;
    /** The command line or configuration was invalid. */
    public static final int USAGE = 2;
    /** Some sources failed; the others were synced and the failed ones kept as they were. */
    public static final int PARTIAL = 3;

    private ExitCodes() {
    }
}
