package org.virtguard.connector.vsphere.actions;

import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;

/**
 * One step of an action: what it does, in one line, and how.
 *
 * @param description the plan line
 * @param work        what carries it out, or {@code null} for a step that has nothing to do
 */
public record Step(String description, Work work) {

    /** Carries a step out. */
    @FunctionalInterface
    public interface Work {
        /** Does the step; {@code progress} carries what later steps and the re-read need. */
        void run(Progress progress) throws ActionException, SoapFaultException, TransportException;
    }

    /** A step that only reports (the VM is already in the wanted state). */
    static Step nothing(String description) {
        return new Step(description, null);
    }
}
