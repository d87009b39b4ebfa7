package org.virtguard.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change VirtGuard may make to one VM on its hypervisor as a guarded response. Actions are data: they are
 * planned (dry run), approved, and only then executed by the VM's connector through its {@link VmActuator}.
 */
public sealed interface VmAction permits VmAction.Quarantine, VmAction.Release, VmAction.PowerOff,
        VmAction.RevertToSnapshot, VmAction.Redeploy, VmAction.FilterQuarantine, VmAction.FilterRelease {

    /** The stable id of the VM acted on, as the connector reports it. */
    String vmId();

    /** Short kebab-case name of the action kind, e.g. {@code quarantine}. */
    String kind();

    /** Whether the action destroys state or stops service (and so always needs a second admin's approval). */
    boolean destructive();

    /**
     * Moves every vNIC of the VM to the quarantine network or port group; the VM keeps running but can reach
     * only what that network allows. Reversible with {@link Release}.
     *
     * @param network name of the quarantine network (libvirt) or port group (vSphere)
     */
    record Quarantine(String vmId, String network) implements VmAction {
        public Quarantine {
            Objects.requireNonNull(vmId, "vmId");
            Objects.requireNonNull(network, "network");
        }

        @Override
        public String kind() {
            return "quarantine";
        }

        @Override
        public boolean destructive() {
            return false;
        }
    }

    /**
     * Puts the VM's vNICs back on the networks they were on before a quarantine.
     *
     * @param networksByMac network or port group name for each vNIC, keyed by its MAC address
     */
    record Release(String vmId, Map<String, String> networksByMac) implements VmAction {
        public Release {
            Objects.requireNonNull(vmId, "vmId");
            networksByMac = Map.copyOf(networksByMac);
        }

        @Override
        public String kind() {
            return "release";
        }

        @Override
        public boolean destructive() {
            return false;
        }
    }

    /** Powers the VM off hard (no guest shutdown): for a VM that is actively compromised. */
    record PowerOff(String vmId) implements VmAction {
        public PowerOff {
            Objects.requireNonNull(vmId, "vmId");
        }

        @Override
        public String kind() {
            return "power-off";
        }

        @Override
        public boolean destructive() {
            return true;
        }
    }

    /** Reverts the VM to its snapshot with this name; changes since that snapshot are lost. */
    record RevertToSnapshot(String vmId, String snapshotName) implements VmAction {
        public RevertToSnapshot {
            Objects.requireNonNull(vmId, "vmId");
            Objects.requireNonNull(snapshotName, "snapshotName");
        }

        @Override
        public String kind() {
            return "revert-snapshot";
        }

        @Override
        public boolean destructive() {
            return true;
        }
    }

    /**
     * Replaces the VM by a fresh copy of a golden template: the old VM is powered off and renamed to
     * {@code retiredName} (kept for forensics, not deleted), a new VM with the old name is created from the
     * template, its vNICs are attached to {@code networks} in order (re-applying the zone placement), and it
     * is powered on.
     *
     * @param templateName name of the golden template (a vSphere template, or a shut-off libvirt domain)
     * @param networks     the networks or port groups of the old VM's vNICs, in order
     * @param retiredName  the new name of the replaced VM
     */
    record Redeploy(String vmId, String templateName, List<String> networks, String retiredName) implements VmAction {
        public Redeploy {
            Objects.requireNonNull(vmId, "vmId");
            Objects.requireNonNull(templateName, "templateName");
            Objects.requireNonNull(retiredName, "retiredName");
            networks = List.copyOf(networks);
        }

        @Override
        public String kind() {
            return "redeploy";
        }

        @Override
        public boolean destructive() {
            return true;
        }
    }

    /**
     * Quarantine by traffic filter: attaches a filter that drops all traffic both ways to every vNIC of the VM, live
     * when it runs and in its persistent definition, leaving the vNICs on their networks. The filter each vNIC had
     * before is kept on the hypervisor (libvirt: the domain's metadata) so that {@link FilterRelease} restores it
     * exactly. Hypervisors without per-vNIC traffic filters (vSphere) refuse it.
     *
     * @param filterName name of the drop-all filter (libvirt nwfilter); defined by the connector when absent
     */
    record FilterQuarantine(String vmId, String filterName) implements VmAction {
        public FilterQuarantine {
            Objects.requireNonNull(vmId, "vmId");
            Objects.requireNonNull(filterName, "filterName");
        }

        @Override
        public String kind() {
            return "quarantine";
        }

        @Override
        public boolean destructive() {
            return false;
        }
    }

    /**
     * Lifts a {@link FilterQuarantine}: every vNIC that carries the drop-all filter gets back the filter it had before
     * (or none), as recorded when it was quarantined.
     *
     * @param filterName name of the drop-all filter the quarantine applied
     */
    record FilterRelease(String vmId, String filterName) implements VmAction {
        public FilterRelease {
            Objects.requireNonNull(vmId, "vmId");
            Objects.requireNonNull(filterName, "filterName");
        }

        @Override
        public String kind() {
            return "release";
        }

        @Override
        public boolean destructive() {
            return false;
        }
    }
}
