package org.virtguard.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A live notification about one VM.
 *
 * @param sourceId the source that sent it
 * @param vmId     the VM's stable id
 * @param vmName   the VM's name
 * @param kind     what happened
 * @param detail   the source's own detail (e.g. libvirt's {@code STARTED_BOOTED}), may be {@code null}
 * @param at       when the connector received it
 */
public record VmEvent(String sourceId, String vmId, String vmName, Kind kind, String detail, Instant at) {

    /** Kinds of VM events, normalised across hypervisors. */
    public enum Kind {
        DEFINED, UNDEFINED, STARTED, STOPPED, SUSPENDED, RESUMED, MIGRATED, RECONFIGURED, CRASHED, OTHER
    }

    public VmEvent {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
