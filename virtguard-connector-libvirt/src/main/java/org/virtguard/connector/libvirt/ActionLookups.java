package org.virtguard.connector.libvirt;

import java.util.Optional;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;

/**
 * The look-ups a response action makes on one connection before it acts: the VM, networks, other domains and
 * domain XML. Something missing is a {@link ErrorCode#NOT_FOUND} error naming it; other libvirt failures are
 * mapped with {@link LibvirtErrors#actionCode}.
 */
final class ActionLookups {

    private static final int XML_SECURE = 1;
    private static final int XML_INACTIVE = 2;

    private final LibvirtSource source;
    private final Connect connect;

    ActionLookups(LibvirtSource source, Connect connect) {
        this.source = source;
        this.connect = connect;
    }

    LibvirtSource source() {
        return source;
    }

    Connect connect() {
        return connect;
    }

    /** The domain with this UUID. */
    Domain vm(String vmId) throws ConnectorException {
        if (!LiveCollector.looksLikeUuid(vmId)) {
            throw notFound("VM " + vmId + " not found (not a libvirt domain UUID)");
        }
        try {
            return connect.domainLookupByUUIDString(LiveCollector.normalise(vmId));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                throw notFound("VM " + vmId + " not found");
            }
            throw failed(e, "cannot look up VM " + vmId);
        }
    }

    /** The domain with this name, or empty. */
    Optional<Domain> domainNamed(String name) throws ConnectorException {
        try {
            return Optional.of(connect.domainLookupByName(name));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw failed(e, "cannot look up domain " + name);
        }
    }

    /** The domain's name. */
    String name(Domain d) throws ConnectorException {
        try {
            return d.getName();
        } catch (LibvirtException e) {
            throw failed(e, "cannot read a domain's name");
        }
    }

    /** The domain's UUID in canonical form. */
    String uuid(Domain d, String name) throws ConnectorException {
        try {
            return LiveCollector.normalise(d.getUUIDString());
        } catch (LibvirtException e) {
            throw failed(e, "cannot read the UUID of " + name);
        }
    }

    /** Whether the domain is running or paused. */
    boolean isActive(Domain d, String name) throws ConnectorException {
        try {
            return d.isActive() == 1;
        } catch (LibvirtException e) {
            throw failed(e, "cannot read the state of VM " + name);
        }
    }

    /** Whether the domain has a persistent definition. */
    boolean isPersistent(Domain d, String name) throws ConnectorException {
        try {
            return d.isPersistent() == 1;
        } catch (LibvirtException e) {
            throw failed(e, "cannot read whether VM " + name + " is persistent");
        }
    }

    /**
     * Checks that the network exists and, when {@code mustBeActive}, that it is started (a running VM's vNIC
     * cannot be put on a stopped network).
     */
    void requireNetwork(String network, boolean mustBeActive) throws ConnectorException {
        org.libvirt.Network n;
        try {
            n = connect.networkLookupByName(network);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                throw notFound("network " + network + " not found");
            }
            throw failed(e, "cannot look up network " + network);
        }
        try {
            if (mustBeActive && n.isActive() != 1) {
                throw new ConnectorException(ErrorCode.ACTION_FAILED, source.id(),
                        source.describe() + ": network " + network + " is not started");
            }
        } catch (LibvirtException e) {
            throw failed(e, "cannot read the state of network " + network);
        }
    }

    /**
     * The domain's XML with its secrets (so that a redefinition keeps console passwords), live or as persistently
     * defined, ready for editing.
     */
    DomainDocument xml(Domain d, String name, boolean inactive) throws ConnectorException {
        int flags = inactive ? XML_INACTIVE : 0;
        String xml;
        try {
            xml = d.getXMLDesc(flags | XML_SECURE);
        } catch (LibvirtException e) {
            throw failed(e, "cannot read the XML of VM " + name);
        }
        return DomainDocument.parse(xml, new XmlOrigin(source.id(), "domain " + name
                + (inactive ? " (persistent config)" : "")));
    }

    /** The driver's name as libvirt reports it, e.g. {@code QEMU} or {@code TEST}. */
    String driverType() throws ConnectorException {
        try {
            return connect.getType();
        } catch (LibvirtException e) {
            throw failed(e, "cannot read the driver type");
        }
    }

    /** A {@link ErrorCode#NOT_FOUND} error with this message, prefixed with the source. */
    ConnectorException notFound(String message) {
        return new ConnectorException(ErrorCode.NOT_FOUND, source.id(), source.describe() + ": " + message);
    }

    /** An {@link ErrorCode#ACTION_FAILED} error with this message, prefixed with the source. */
    ConnectorException refused(String message) {
        return new ConnectorException(ErrorCode.ACTION_FAILED, source.id(), source.describe() + ": " + message);
    }

    private ConnectorException failed(LibvirtException e, String what) {
        return new ConnectorException(LibvirtErrors.actionCode(e), source.id(),
                source.describe() + ": " + what + ": " + LibvirtErrors.message(e, source), e);
    }
}
