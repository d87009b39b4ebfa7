package org.virtguard.store.alerts;

import java.time.Instant;

import org.virtguard.model.Alert;

/**
 * An alert as stored.
 *
 * @param alert      the latest state of the incident
 * @param status     handling status
 * @param statusNote who changed the status and why, or {@code null}
 * @param updatedAt  when the row last changed
 */
public record StoredAlert(Alert alert, AlertStatus status, String statusNote, Instant updatedAt) {
}
