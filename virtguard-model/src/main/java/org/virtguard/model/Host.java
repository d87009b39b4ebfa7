package org.virtguard.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A physical host (hypervisor) that runs VMs.
 *
 * @param id                  stable identifier, unique across all sources
 * @param sourceId            the configured source that reported this host
 * @param name                the host name people use
 * @param platform            management platform
 * @param hypervisor          hypervisor kind
 * @param productName         e.g. "VMware ESXi", "QEMU"
 * @param productVersion      e.g. "8.0.3", "7.2.0"
 * @param productBuild        build number where the product has one (ESXi), else the version
 * @param componentVersions   versions of the software stack (libvirt, qemu, kernel, vpxa, ...)
 * @param managementAddresses addresses the management plane listens on
 * @param hardware            CPU and memory
 * @param clusterId           the cluster, or {@code null}
 * @param siteId              the site/datacenter, or {@code null}
 * @param connectionState     reachability at collection time
 * @param settings            security-relevant settings by key
 */
public record Host(String id, String sourceId, String name, Platform platform, HypervisorKind hypervisor,
                   String productName, String productVersion, String productBuild,
                   Map<String, String> componentVersions, List<String> managementAddresses,
                   HostHardware hardware, String clusterId, String siteId, ConnectionState connectionState,
                   Map<String, Setting> settings) {

    public Host {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(hypervisor, "hypervisor");
        componentVersions = Map.copyOf(componentVersions == null ? Map.of() : componentVersions);
        managementAddresses = org.virtguard.model.net.IpAddressText.canonical(
                List.copyOf(managementAddresses == null ? List.of() : managementAddresses));
        connectionState = connectionState == null ? ConnectionState.UNKNOWN : connectionState;
        settings = Map.copyOf(settings == null ? Map.of() : settings);
    }

    /** The named setting, or a not-collected placeholder when the source did not report it. */
    public Setting setting(String key) {
        Setting s = settings.get(key);
        return s != null ? s : Setting.notCollected(key, SettingType.STRING, "not reported by source");
    }
}
