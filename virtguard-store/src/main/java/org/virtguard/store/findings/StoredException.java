package org.virtguard.store.findings;

import java.time.Instant;
import java.time.LocalDate;

/** An accepted risk as stored: check and resource patterns, why, who, until when. */
public record StoredException(String checkPattern, String resourcePattern, String justification, String owner,
                              LocalDate expires, Instant createdAt) {
}
