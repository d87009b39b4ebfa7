package org.virtguard.store.security;

/**
 * The newest entry of the audit log as the store records it.
 *
 * @param seq  its sequence number, {@code 0} for an empty log
 * @param hash its hash (64 zeros for an empty log)
 */
public record AuditHead(long seq, String hash) {
}
