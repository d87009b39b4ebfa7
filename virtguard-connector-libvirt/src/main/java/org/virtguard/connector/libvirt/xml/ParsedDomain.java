package org.virtguard.connector.libvirt.xml;

import java.util.List;
import java.util.Objects;

import org.virtguard.model.VirtualMachine;

/**
 * A domain read from XML, with the problems that did not stop it from being read (a missing UUID, a MAC used
 * twice, ...). Connectors turn the issues into collection warnings.
 *
 * @param vm     the VM
 * @param issues one-line descriptions, each starting with the XML's origin
 */
public record ParsedDomain(VirtualMachine vm, List<String> issues) {
    public ParsedDomain {
        Objects.requireNonNull(vm, "vm");
        issues = List.copyOf(issues == null ? List.of() : issues);
    }
}
