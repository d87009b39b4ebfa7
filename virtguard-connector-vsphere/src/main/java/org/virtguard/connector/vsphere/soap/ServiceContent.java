package org.virtguard.connector.vsphere.soap;

/**
 * What {@code RetrieveServiceContent} tells about the server and where its managers are.
 *
 * @param productName  {@code VMware vCenter Server} or {@code VMware ESXi}
 * @param apiType      {@code VirtualCenter} or {@code HostAgent}
 * @param instanceUuid the vCenter's instance UUID, or {@code null} for a standalone ESXi host
 * @param customFieldsManager where custom attribute definitions live, or {@code null}
 */
public record ServiceContent(ManagedObjectRef rootFolder, ManagedObjectRef propertyCollector,
                             ManagedObjectRef viewManager, ManagedObjectRef sessionManager,
                             ManagedObjectRef eventManager, ManagedObjectRef searchIndex, String productName,
                             String version, String build, String apiVersion, String apiType, String instanceUuid,
                             ManagedObjectRef customFieldsManager) {

    /** Whether the server is a vCenter rather than a standalone host. */
    public boolean isVCenter() {
        return "VirtualCenter".equals(apiType);
    }
}
