package org.virtguard.store;

/**
 * What the store holds for an object before a write, without its document.
 *
 * @param ownerId the owning object (a vNIC's VM), or {@code null}
 */
record PriorRow(String id, String sourceId, String name, String hash, boolean removed, String ownerId) {

    /** Whether writing {@code incoming} over this row would change anything but the last-seen time. */
    boolean sameAs(Incoming<?> incoming) {
        return !removed && hash.equals(incoming.hash()) && sourceId.equals(incoming.sourceId())
                && name.equals(incoming.name());
    }
}
