package org.virtguard.connector.vsphere;

import java.util.List;

/** The vCenter event types VirtGuard reads: VM movement, lifecycle and configuration, and session activity. */
public final class SecurityEvents {

    /** Event type ids passed to the event history collector. */
    public static final List<String> TYPES = List.of("VmMigratedEvent", "DrsVmMigratedEvent", "VmRelocatedEvent",
            "VmPoweredOnEvent", "DrsVmPoweredOnEvent", "VmPoweredOffEvent", "VmReconfiguredEvent", "VmCreatedEvent",
            "VmClonedEvent", "VmDeployedEvent", "VmRemovedEvent", "UserLoginSessionEvent", "UserLogoutSessionEvent",
            "BadUsernameSessionEvent");

    private SecurityEvents() {
    }
}
