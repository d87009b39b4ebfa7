package org.virtguard.model;

/** Machine-readable error codes shared by connectors, store, CLI and API. */
public enum ErrorCode {
    /** The source URI or address is malformed or names an unsupported scheme. */
    INVALID_SOURCE,
    /** No connector accepts the source. */
    UNSUPPORTED_SOURCE,
    /** The source could not be reached (network, missing file, daemon down). */
    SOURCE_UNREACHABLE,
    /** The source refused the credentials. */
    AUTHENTICATION_FAILED,
    /** The credentials were accepted but lack a permission. */
    PERMISSION_DENIED,
    /** TLS verification failed (untrusted certificate, thumbprint mismatch). */
    TLS_VERIFICATION_FAILED,
    /** The connection broke during collection. */
    CONNECTION_LOST,
    /** Input could not be parsed. */
    INVALID_INPUT,
    /** Input exceeds a size limit. */
    INPUT_TOO_LARGE,
    /** Input uses a forbidden construct (DTD, external entity, entity expansion). */
    HOSTILE_INPUT,
    /** A configuration file is invalid. */
    INVALID_CONFIG,
    /** A credential could not be read from its environment variable or file. */
    CREDENTIAL_UNAVAILABLE,
    /** The store could not be opened or written. */
    STORE_UNAVAILABLE,
    /**
     * The disk that holds the store or the service's data is (nearly) full: writes are refused until space is
     * freed; reads still work.
     */
    STORE_DISK_FULL,
    /** An object asked for does not exist. */
    NOT_FOUND,
    /** A response action was refused or failed on the hypervisor; nothing, or only what the message says, changed. */
    ACTION_FAILED,
    /** The store's schema version is not the one this binary runs on (newer, older, or none yet). */
    SCHEMA_MISMATCH,
    /** A bug: something that should not happen. */
    INTERNAL
}
