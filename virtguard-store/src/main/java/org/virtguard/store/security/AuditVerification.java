package org.virtguard.store.security;

/**
 * The result of checking the audit chain.
 *
 * @param valid          whether every entry and the head are consistent
 * @param entriesChecked how many entries were read
 * @param firstBadSeq    the first inconsistent sequence number, or {@code 0} when valid
 * @param problem        what is wrong, or {@code null} when valid
 * @param headHash       the newest entry's hash as recorded in the head; keep it elsewhere to anchor the chain
 */
public record AuditVerification(boolean valid, long entriesChecked, long firstBadSeq, String problem,
                                String headHash) {
}
