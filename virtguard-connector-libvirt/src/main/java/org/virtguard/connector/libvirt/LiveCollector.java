package org.virtguard.connector.libvirt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NetworkFilter;
import org.virtguard.connector.libvirt.xml.DomainXmlParser;
import org.virtguard.connector.libvirt.xml.NetworkXmlParser;
import org.virtguard.connector.libvirt.xml.NwfilterXmlParser;
import org.virtguard.connector.libvirt.xml.ParsedDomain;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectLimits;
import org.virtguard.model.Network;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;

/**
 * One collection over a live connection: host, traffic filters, networks and every domain (active and
 * inactive). A domain or network that cannot be read becomes a warning; a broken connection fails the whole
 * collection.
 */
final class LiveCollector {

    private final LibvirtSource source;
    private final Connect connect;
    private final int addressSource;
    private FilterCatalog lastCatalog;
    private String hostId;

    LiveCollector(LibvirtSource source, Connect connect, int addressSource) {
        this.source = source;
        this.connect = connect;
        this.addressSource = addressSource;
        this.hostId = source.hostId();
    }

    InventorySnapshot collect() throws ConnectorException {
        List<CollectionWarning> warnings = new ArrayList<>();
        Host host = HostReader.read(connect, source);
        hostId = host.id();
        FilterCatalog filters = filters(host.name());
        lastCatalog = filters;
        filters.warning().ifPresent(warnings::add);
        List<Network> networks = networks(host.name(), warnings);
        DomainReader reader = new DomainReader(source, hostId, host.name(), filters.resolver(), addressSource);
        List<VirtualMachine> vms = new ArrayList<>();
        for (Domain d : domains()) {
            readDomain(reader, d, host.name(), warnings).ifPresent(vms::add);
        }
        return ObjectLimits.apply(new InventorySnapshot(source.id(), Instant.now(), List.of(), List.of(),
                List.of(host), vms, networks, filters.definitions(), warnings));
    }

    /** Uses {@code id} as the host's id for what this collector reads next (the id a full collection found). */
    LiveCollector hostId(String id) {
        this.hostId = id;
        return this;
    }

    /** The filters read by the last {@link #collect()}, or {@code null}. */
    FilterCatalog lastCatalog() {
        return lastCatalog;
    }

    /** Reads one domain by UUID, or empty when the host has no such domain. */
    Optional<VirtualMachine> collectVm(String vmId, String hostName, FilterCatalog filters) throws ConnectorException {
        Domain d;
        try {
            d = connect.domainLookupByUUIDString(vmId);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.callFailed(e, source, "cannot look up domain " + vmId);
        }
        DomainReader reader = new DomainReader(source, hostId, hostName, filters.resolver(), addressSource);
        try {
            return Optional.of(reader.read(d).vm());
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.callFailed(e, source, "cannot read domain " + vmId);
        }
    }

    FilterCatalog filters(String hostName) throws ConnectorException {
        String[] names;
        try {
            names = connect.listNetworkFilters();
        } catch (LibvirtException e) {
            if (LibvirtErrors.isUnsupported(e)) {
                return FilterCatalog.stockAssumed("the " + driver() + " driver on " + hostName
                        + " does not offer nwfilter definitions");
            }
            throw LibvirtErrors.callFailed(e, source, "cannot list nwfilters");
        }
        List<TrafficFilterDefinition> defs = new ArrayList<>();
        for (String name : names) {
            try {
                NetworkFilter f = connect.networkFilterLookupByName(name);
                String xml = f.getXMLDesc();
                defs.add(NwfilterXmlParser.parse(xml.getBytes(StandardCharsets.UTF_8),
                        new XmlOrigin(source.id(), "nwfilter " + name + " on " + hostName), hostId));
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isNotFound(e)) {
                    throw LibvirtErrors.callFailed(e, source, "cannot read nwfilter " + name);
                }
            }
        }
        if (defs.isEmpty()) {
            return FilterCatalog.stockAssumed("no nwfilter is defined on " + hostName);
        }
        return FilterCatalog.of(defs);
    }

    private List<Network> networks(String hostName, List<CollectionWarning> warnings) throws ConnectorException {
        Set<String> names = new LinkedHashSet<>();
        try {
            names.addAll(List.of(connect.listNetworks()));
            names.addAll(List.of(connect.listDefinedNetworks()));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isUnsupported(e)) {
                warnings.add(new CollectionWarning("networks", ErrorCode.INVALID_INPUT,
                        "the " + driver() + " driver on " + hostName + " does not offer virtual networks"));
                return List.of();
            }
            throw LibvirtErrors.callFailed(e, source, "cannot list networks");
        }
        List<Network> out = new ArrayList<>();
        for (String name : names) {
            try {
                org.libvirt.Network n = connect.networkLookupByName(name);
                String xml = n.getXMLDesc(0);
                out.add(NetworkXmlParser.parse(xml.getBytes(StandardCharsets.UTF_8),
                        new XmlOrigin(source.id(), "network " + name + " on " + hostName), hostId,
                        n.isActive() == 1));
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isNotFound(e)) {
                    throw LibvirtErrors.callFailed(e, source, "cannot read network " + name);
                }
            } catch (ConnectorException e) {
                warnings.add(new CollectionWarning("network " + name, e.code(), e.getMessage()));
            }
        }
        return out;
    }

    private List<Domain> domains() throws ConnectorException {
        try {
            return List.of(connect.listAllDomains(0));
        } catch (LibvirtException e) {
            throw LibvirtErrors.callFailed(e, source, "cannot list domains");
        }
    }

    private Optional<VirtualMachine> readDomain(DomainReader reader, Domain d, String hostName,
                                                List<CollectionWarning> warnings) throws ConnectorException {
        String name = "?";
        try {
            name = d.getName();
            ParsedDomain parsed = reader.read(d);
            for (String issue : parsed.issues()) {
                warnings.add(new CollectionWarning("domain " + name, ErrorCode.INVALID_INPUT, issue));
            }
            return Optional.of(parsed.vm());
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw LibvirtErrors.callFailed(e, source, "cannot read domain " + name);
        } catch (ConnectorException e) {
            warnings.add(new CollectionWarning("domain " + name, e.code(), e.getMessage()));
            return Optional.empty();
        }
    }

    private String driver() {
        try {
            return connect.getType();
        } catch (LibvirtException e) {
            return source.scheme();
        }
    }

    static boolean looksLikeUuid(String id) {
        return id != null && id.matches("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    }

    static String normalise(String id) {
        return looksLikeUuid(id) ? DomainXmlParser.canonicalUuid(id) : id;
    }
}
