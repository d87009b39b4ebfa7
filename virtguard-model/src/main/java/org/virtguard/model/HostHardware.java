package org.virtguard.model;

/**
 * A host's CPU and memory as its hypervisor reports them.
 *
 * @param cpus total logical CPUs
 */
public record HostHardware(String cpuModel, int sockets, int coresPerSocket, int threadsPerCore, int cpus,
                           long cpuMhz, long memoryBytes, int numaNodes) {
}
