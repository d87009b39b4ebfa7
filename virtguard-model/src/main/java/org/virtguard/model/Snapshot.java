package org.virtguard.model;

import java.time.Instant;

/**
 * A VM snapshot.
 *
 * @param createdAt when it was taken, {@code null} when unknown
 * @param parent    parent snapshot name, or {@code null}
 * @param current   whether the VM currently runs from this snapshot
 */
public record Snapshot(String name, String description, Instant createdAt, String parent, boolean current) {
}
