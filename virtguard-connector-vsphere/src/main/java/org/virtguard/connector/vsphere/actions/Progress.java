package org.virtguard.connector.vsphere.actions;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;

/** State carried from step to step while an action runs: which VM to re-read afterwards. */
public final class Progress {

    private String vmIdAfter;
    private ManagedObjectRef created;

    /** @param vmId the VM acted on, re-read afterwards unless a step replaces it */
    public Progress(String vmId) {
        this.vmIdAfter = vmId;
    }

    /** The id (instance UUID) of the VM to re-read when the action is done. */
    public String vmIdAfter() {
        return vmIdAfter;
    }

    /** The VM a step created (redeploy), or {@code null}. */
    ManagedObjectRef created() {
        return created;
    }

    void created(ManagedObjectRef vm, String instanceUuid) {
        this.created = vm;
        if (instanceUuid != null) {
            this.vmIdAfter = instanceUuid.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
