package org.virtguard.store;

/**
 * An object as a collection reports it, ready to compare and write.
 *
 * @param id       its stable id
 * @param name     its display name
 * @param sourceId the source reporting it
 * @param record   the model record
 * @param doc      canonical JSON of the record
 * @param hash     hash of {@code doc}
 */
record Incoming<T>(String id, String name, String sourceId, T record, String doc, String hash) {

    static <T> Incoming<T> of(String id, String name, String sourceId, T record) {
        String doc = InventoryJson.write(record);
        return new Incoming<>(id, name, sourceId, record, doc, InventoryJson.sha256(doc));
    }
}
