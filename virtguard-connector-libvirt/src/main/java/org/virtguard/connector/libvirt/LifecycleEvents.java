package org.virtguard.connector.libvirt;

import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.virtguard.spi.VmEvent;

/** Maps libvirt domain lifecycle events to VirtGuard's event kinds. */
final class LifecycleEvents {

    private LifecycleEvents() {
    }

    static VmEvent.Kind kind(DomainEvent event) {
        DomainEventType type = event.getType();
        String detail = detail(event);
        if (type == null) {
            return VmEvent.Kind.OTHER;
        }
        return switch (type) {
            case DEFINED -> "UPDATED".equals(detail) ? VmEvent.Kind.RECONFIGURED : VmEvent.Kind.DEFINED;
            case UNDEFINED -> VmEvent.Kind.UNDEFINED;
            case STARTED -> "MIGRATED".equals(detail) ? VmEvent.Kind.MIGRATED : VmEvent.Kind.STARTED;
            case SUSPENDED, PMSUSPENDED -> VmEvent.Kind.SUSPENDED;
            case RESUMED -> VmEvent.Kind.RESUMED;
            case STOPPED -> switch (detail) {
                case "CRASHED" -> VmEvent.Kind.CRASHED;
                case "MIGRATED" -> VmEvent.Kind.MIGRATED;
                default -> VmEvent.Kind.STOPPED;
            };
            case CRASHED -> VmEvent.Kind.CRASHED;
            case SHUTDOWN, UNKNOWN -> VmEvent.Kind.OTHER;
        };
    }

    /** libvirt's own name for the event, e.g. {@code STARTED_BOOTED}. */
    static String describe(DomainEvent event) {
        String type = event.getType() == null ? "UNKNOWN" : event.getType().name();
        String detail = detail(event);
        return detail.isEmpty() ? type : type + "_" + detail;
    }

    private static String detail(DomainEvent event) {
        try {
            Object detail = event.getDetail();
            return detail == null ? "" : detail.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
