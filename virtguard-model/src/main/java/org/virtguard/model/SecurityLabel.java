package org.virtguard.model;

/**
 * A mandatory-access-control label of a VM (libvirt seclabel: sVirt with SELinux or AppArmor, DAC).
 *
 * @param model      selinux, apparmor, dac, or {@code null} for the host's default
 * @param type       dynamic, static or none ({@code none} means confinement is off)
 * @param relabel    whether resources are relabelled
 * @param label      the process label, if given
 * @param imageLabel the image label, if given
 */
public record SecurityLabel(String model, String type, boolean relabel, String label, String imageLabel) {

    /** Whether this label turns confinement off. */
    public boolean disablesConfinement() {
        return "none".equalsIgnoreCase(type);
    }
}
