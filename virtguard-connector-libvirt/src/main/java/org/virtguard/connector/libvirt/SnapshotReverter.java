package org.virtguard.connector.libvirt;

import java.time.Instant;
import java.util.List;

import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.virtguard.connector.libvirt.xml.LibvirtXml;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Reverts a domain to one of its snapshots by name ({@code virDomainRevertToSnapshot}): the domain's config,
 * disks and, for a snapshot of a running domain, its run state return to the snapshot's; what changed since is lost.
 */
final class SnapshotReverter {

    private final ActionLookups lookups;

    SnapshotReverter(ActionLookups lookups) {
        this.lookups = lookups;
    }

    /** A checked revert. */
    record Prepared(Domain vm, String vmName, DomainSnapshot snapshot, String step) {
    }

    /**
     * Finds the snapshot.
     *
     * @throws ConnectorException {@code NOT_FOUND} naming the snapshot and listing the ones the VM has
     */
    Prepared prepare(Domain vm, String snapshotName) throws ConnectorException {
        String name = lookups.name(vm);
        List<String> names;
        try {
            names = List.of(vm.snapshotListNames());
        } catch (LibvirtException e) {
            throw lookups.refused("cannot list the snapshots of VM " + name + ": "
                    + LibvirtErrors.message(e, lookups.source()));
        }
        if (!names.contains(snapshotName)) {
            String existing = names.isEmpty() ? "it has none"
                    : "its snapshots: " + String.join(", ", names.stream().sorted().toList());
            throw lookups.notFound("VM " + name + " has no snapshot " + snapshotName + " (" + existing + ")");
        }
        DomainSnapshot snapshot;
        String xml;
        try {
            snapshot = vm.snapshotLookupByName(snapshotName);
            xml = snapshot.getXMLDesc();
        } catch (LibvirtException e) {
            if (LibvirtErrors.actionCode(e) == ErrorCode.NOT_FOUND) {
                throw lookups.notFound("VM " + name + " has no snapshot " + snapshotName);
            }
            throw lookups.refused("cannot read snapshot " + snapshotName + " of VM " + name + ": "
                    + LibvirtErrors.message(e, lookups.source()));
        }
        return new Prepared(vm, name, snapshot, "revert VM " + name + " to snapshot " + snapshotName
                + describe(xml, name, snapshotName) + "; changes since are lost");
    }

    /** Reverts. */
    void apply(Prepared p, ActionSteps steps) throws ConnectorException {
        try {
            p.vm().revertToSnapshot(p.snapshot());
        } catch (LibvirtException e) {
            throw steps.failed(p.step(), e);
        }
        steps.done(p.step());
    }

    private String describe(String xml, String vmName, String snapshotName) throws ConnectorException {
        Element root = LibvirtXml.read(xml, new XmlOrigin(lookups.source().id(),
                "snapshot " + snapshotName + " of domain " + vmName)).getDocumentElement();
        String state = Dom.childText(root, "state");
        String created = Dom.childText(root, "creationTime");
        StringBuilder out = new StringBuilder();
        if (created != null && created.matches("\\d{1,12}")) {
            out.append("taken ").append(Instant.ofEpochSecond(Long.parseLong(created)));
        }
        if (state != null) {
            out.append(out.isEmpty() ? "" : ", ").append("VM then ").append(state);
        }
        return out.isEmpty() ? "" : " (" + out + ")";
    }
}
