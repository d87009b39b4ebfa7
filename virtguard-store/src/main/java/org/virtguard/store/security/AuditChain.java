package org.virtguard.store.security;

import java.time.Instant;

import org.virtguard.store.InventoryJson;

/** How an audit entry's hash is computed: SHA-256 over length-prefixed fields, so no two entries collide by concatenation. */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(long seq, Instant at, AuditRecord r, String prevHash) {
        StringBuilder text = new StringBuilder(256);
        field(text, Long.toString(seq));
        field(text, at.toString());
        field(text, r.actor());
        field(text, r.action());
        field(text, r.target());
        field(text, r.outcome());
        field(text, r.remoteAddress());
        field(text, r.detail());
        field(text, prevHash);
        return InventoryJson.sha256(text.toString());
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-1:\n");
        } else {
            text.append(value.length()).append(':').append(value).append('\n');
        }
    }
}
