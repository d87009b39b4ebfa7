package org.virtguard.store.security;

import java.time.Instant;

/**
 * One entry of the audit log.
 *
 * @param seq       position in the chain, starting at 1, without gaps
 * @param at        when it was written
 * @param record    what happened
 * @param prevHash  the previous entry's hash (64 zeros for the first)
 * @param entryHash SHA-256 over this entry's fields and {@code prevHash}
 */
public record AuditEntry(long seq, Instant at, AuditRecord record, String prevHash, String entryHash) {
}
