package org.virtguard.store.findings;

/** What recording one scan changed: findings new, reopened, still open, and resolved. */
public record ScanRecord(int created, int reopened, int ongoing, int resolved) {
}
