package org.virtguard.model;

import java.time.Instant;

/**
 * One entry of the inventory change log.
 *
 * @param id         store-assigned sequence number
 * @param at         when the change was observed
 * @param sourceId   the source whose collection observed it
 * @param objectType what kind of object changed
 * @param objectId   its stable id
 * @param objectName its name at the time
 * @param type       what happened
 * @param field      the attribute that changed, for setting changes; else {@code null}
 * @param oldValue   the value before, as text
 * @param newValue   the value after, as text
 */
public record InventoryChange(long id, Instant at, String sourceId, ObjectType objectType, String objectId,
                              String objectName, ChangeType type, String field, String oldValue, String newValue) {
}
