package org.virtguard.connector.vsphere.soap;

import java.time.Instant;

/**
 * One entry of vCenter's event history.
 *
 * @param key         the event key
 * @param type        the event type ({@code VmPoweredOnEvent}, {@code UserLoginSessionEvent}, ...)
 * @param createdTime when it happened
 * @param userName    who caused it, or {@code null}
 * @param vm          the VM it concerns, or {@code null}
 * @param vmName      that VM's name, or {@code null}
 * @param host        the host it concerns, or {@code null}
 * @param message     the server's formatted message, or {@code null}
 * @param ipAddress   the client address for session events, or {@code null}
 */
public record VsphereEvent(long key, String type, Instant createdTime, String userName, ManagedObjectRef vm,
                           String vmName, ManagedObjectRef host, String message, String ipAddress) {
}
