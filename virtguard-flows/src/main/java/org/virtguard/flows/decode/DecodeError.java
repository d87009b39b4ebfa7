package org.virtguard.flows.decode;

/** Why a datagram or a set in it could not be decoded. Each is counted per exporter. */
public enum DecodeError {
    TRUNCATED_DATAGRAM,
    UNSUPPORTED_VERSION,
    BAD_SET_LENGTH,
    BAD_TEMPLATE,
    TEMPLATE_LIMIT,
    RECORD_OVERRUNS_SET,
    BAD_SFLOW_SAMPLE,
    TOO_MANY_RECORDS
}
