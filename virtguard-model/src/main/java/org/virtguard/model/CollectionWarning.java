package org.virtguard.model;

/**
 * Something a connector could not read completely, reported instead of failing the whole source.
 *
 * @param object  what it concerns (e.g. {@code domain web01}, {@code nwfilter clean-traffic})
 * @param code    machine-readable error code
 * @param message one human-readable line
 */
public record CollectionWarning(String object, ErrorCode code, String message) {
}
