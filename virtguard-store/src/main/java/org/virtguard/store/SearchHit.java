package org.virtguard.store;

/**
 * One inventory search result.
 *
 * @param kind   what matched
 * @param id     the object to open: the VM for {@link Kind#MAC} and {@link Kind#ADDRESS} hits
 * @param name   its name
 * @param detail the host id of a VM or network, a host's version, the MAC of a vNIC hit
 */
public record SearchHit(Kind kind, String id, String name, String detail) {

    /** What a hit matched. */
    public enum Kind { VM, HOST, NETWORK, MAC, ADDRESS }
}
