package org.virtguard.service.config;

/** Whether validation checks that the files and directories the configuration names exist. */
public enum FileChecks {
    /** Every referenced file (zones, checks, KEV, advisories, response policy, key stores, secrets) must exist. */
    CHECK,
    /** Referenced files are not looked at: for examples and for files prepared on another machine. */
    SKIP
}
