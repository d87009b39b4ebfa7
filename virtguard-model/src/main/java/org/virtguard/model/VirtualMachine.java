package org.virtguard.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual machine (or template) as last collected.
 *
 * @param id             stable identity: libvirt domain UUID, vSphere instanceUuid
 * @param name           display name
 * @param hostId         the host it is defined on / runs on
 * @param clusterId      cluster, or {@code null}
 * @param powerState     power state
 * @param guestOs        guest OS as configured or reported
 * @param template       whether it is a template rather than a VM
 * @param vcpus          virtual CPUs
 * @param memoryBytes    configured memory
 * @param disks          disks and removable media
 * @param nics           network interfaces
 * @param snapshots      snapshots
 * @param devices        other devices
 * @param consoles       remote consoles
 * @param securityLabels MAC labels; empty means the host default applies
 * @param labels         tags / labels / metadata key-values (owner, classification, ...)
 * @param annotation     free-text notes
 * @param lastPowerOn    last power-on time, where the source knows it
 * @param lastPowerOff   last power-off time, where the source knows it
 * @param settings       hypervisor-specific settings (vSphere extraConfig, libvirt features)
 */
public record VirtualMachine(String id, String name, String hostId, String clusterId, PowerState powerState,
                             Collected<String> guestOs, boolean template, int vcpus, long memoryBytes,
                             List<VirtualDisk> disks, List<VirtualNic> nics, List<Snapshot> snapshots,
                             List<VirtualDevice> devices, List<Console> consoles,
                             List<SecurityLabel> securityLabels, Map<String, String> labels, String annotation,
                             Collected<Instant> lastPowerOn, Collected<Instant> lastPowerOff,
                             Map<String, Setting> settings) {

    public VirtualMachine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        powerState = powerState == null ? PowerState.UNKNOWN : powerState;
        guestOs = guestOs == null ? Collected.notCollected("not reported") : guestOs;
        disks = List.copyOf(disks == null ? List.of() : disks);
        nics = List.copyOf(nics == null ? List.of() : nics);
        snapshots = List.copyOf(snapshots == null ? List.of() : snapshots);
        devices = List.copyOf(devices == null ? List.of() : devices);
        consoles = List.copyOf(consoles == null ? List.of() : consoles);
        securityLabels = List.copyOf(securityLabels == null ? List.of() : securityLabels);
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        lastPowerOn = lastPowerOn == null ? Collected.notCollected("not reported") : lastPowerOn;
        lastPowerOff = lastPowerOff == null ? Collected.notCollected("not reported") : lastPowerOff;
        settings = Map.copyOf(settings == null ? Map.of() : settings);
    }

    public static Builder builder(String id, String name) {
        return new Builder(id, name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, name);
        b.hostId = hostId;
        b.clusterId = clusterId;
        b.powerState = powerState;
        b.guestOs = guestOs;
        b.template = template;
        b.vcpus = vcpus;
        b.memoryBytes = memoryBytes;
        b.disks.addAll(disks);
        b.nics.addAll(nics);
        b.snapshots.addAll(snapshots);
        b.devices.addAll(devices);
        b.consoles.addAll(consoles);
        b.securityLabels.addAll(securityLabels);
        b.labels.putAll(labels);
        b.annotation = annotation;
        b.lastPowerOn = lastPowerOn;
        b.lastPowerOff = lastPowerOff;
        b.settings.putAll(settings);
        return b;
    }

    /** Mutable builder for the many optional parts of a VM. */
    public static final class Builder {
        private String id;
        private String name;
        private String hostId;
        private String clusterId;
        private PowerState powerState = PowerState.UNKNOWN;
        private Collected<String> guestOs;
        private boolean template;
        private int vcpus;
        private long memoryBytes;
        private final List<VirtualDisk> disks = new ArrayList<>();
        private final List<VirtualNic> nics = new ArrayList<>();
        private final List<Snapshot> snapshots = new ArrayList<>();
        private final List<VirtualDevice> devices = new ArrayList<>();
        private final List<Console> consoles = new ArrayList<>();
        private final List<SecurityLabel> securityLabels = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String annotation;
        private Collected<Instant> lastPowerOn;
        private Collected<Instant> lastPowerOff;
        private final Map<String, Setting> settings = new LinkedHashMap<>();

        private Builder(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public Builder id(String v) { this.id = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder hostId(String v) { this.hostId = v; return this; }
        public Builder clusterId(String v) { this.clusterId = v; return this; }
        public Builder powerState(PowerState v) { this.powerState = v; return this; }
        public Builder guestOs(Collected<String> v) { this.guestOs = v; return this; }
        public Builder template(boolean v) { this.template = v; return this; }
        public Builder vcpus(int v) { this.vcpus = v; return this; }
        public Builder memoryBytes(long v) { this.memoryBytes = v; return this; }
        public Builder addDisk(VirtualDisk v) { this.disks.add(v); return this; }
        public Builder addNic(VirtualNic v) { this.nics.add(v); return this; }
        public Builder nics(List<VirtualNic> v) { this.nics.clear(); this.nics.addAll(v); return this; }
        public Builder addSnapshot(Snapshot v) { this.snapshots.add(v); return this; }
        public Builder addDevice(VirtualDevice v) { this.devices.add(v); return this; }
        public Builder addConsole(Console v) { this.consoles.add(v); return this; }
        public Builder addSecurityLabel(SecurityLabel v) { this.securityLabels.add(v); return this; }
        public Builder securityLabels(List<SecurityLabel> v) { this.securityLabels.clear(); this.securityLabels.addAll(v); return this; }
        public Builder label(String k, String v) { this.labels.put(k, v); return this; }
        public Builder annotation(String v) { this.annotation = v; return this; }
        public Builder lastPowerOn(Collected<Instant> v) { this.lastPowerOn = v; return this; }
        public Builder lastPowerOff(Collected<Instant> v) { this.lastPowerOff = v; return this; }
        public Builder setting(Setting s) { this.settings.put(s.key(), s); return this; }

        public VirtualMachine build() {
            return new VirtualMachine(id, name, hostId, clusterId, powerState, guestOs, template, vcpus,
                    memoryBytes, disks, nics, snapshots, devices, consoles, securityLabels, labels, annotation,
                    lastPowerOn, lastPowerOff, settings);
        }
    }
}
