package org.virtguard.connector.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.spi.ConnectorException;
import org.w3c.dom.Element;

/**
 * Quarantine by nwfilter and its release: the work behind {@link org.virtguard.spi.VmAction.FilterQuarantine} and
 * {@link org.virtguard.spi.VmAction.FilterRelease}.
 *
 * <p>Quarantine defines the drop-all filter when absent ({@link QuarantineFilter}), then, for the live domain (if it
 * runs) and for its persistent config (if it has one), each on its own: records every vNIC's current
 * {@code <filterref>} in the domain's metadata ({@link QuarantineRecord}; written first, so that no filter is lost if
 * a later step fails), then sends each vNIC with the drop-all {@code <filterref>} to {@code virDomainUpdateDeviceFlags}.
 * libvirt's nwfilter driver replaces the vNIC's firewall rules at once; the guest keeps running, its vNICs stay on
 * their networks. A vNIC that already carries the filter keeps what was recorded for it. Release gives every vNIC
 * that carries the filter its recorded {@code <filterref>} back (or none), then removes the record; a vNIC with the
 * filter but no record is refused, never guessed.
 *
 * <p>Only interfaces backed by a tap device (types {@code network}, {@code bridge}, {@code ethernet}) can be filtered:
 * a domain with another kind ({@code direct}/macvtap, {@code hostdev}, {@code user}, ...) is refused before anything
 * changes, since part of its traffic would stay open. The {@code test} driver has no device update and is refused.
 */
final class FilterQuarantiner {

    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    private static final int METADATA_ELEMENT = 2;
    private static final Set<String> FILTERABLE = Set.of("network", "bridge", "ethernet");

    private final ActionLookups lookups;

    FilterQuarantiner(ActionLookups lookups) {
        this.lookups = lookups;
    }

    /** One vNIC's filter change in one scope. */
    record Change(String mac, NicFilter from, NicFilter to) {
        String line() {
            return "NIC " + mac + ": " + NicFilter.describe(from) + " -> " + NicFilter.describe(to);
        }
    }

    /** The changes in the live domain or in its persistent config, and the record to write there (none: remove). */
    record Scope(int flag, String label, DomainDocument definition, List<Change> changes,
                 Optional<QuarantineRecord> record, boolean recordChanges) {
    }

    /** A checked quarantine or release. */
    record Prepared(Domain domain, String vmName, String filter, Optional<String> filterDefinition,
                    List<Scope> scopes, List<String> planLines) {
    }

    /** Checks the domain and the filter and works out the quarantine. */
    Prepared prepareQuarantine(Domain d, String filter) throws ConnectorException {
        String name = lookups.name(d);
        requireDeviceUpdate(name);
        Optional<String> definition = new QuarantineFilter(lookups).check(filter);
        NicFilter drop = NicFilter.of(filter);
        List<String> lines = new ArrayList<>();
        definition.ifPresent(x -> lines.add(QuarantineFilter.defineStep(filter)));
        if (definition.isEmpty()) {
            lines.add("nwfilter " + filter + " exists and drops all traffic");
        }
        List<Scope> scopes = new ArrayList<>();
        for (ScopeRead s : scopes(d, name)) {
            Map<String, Optional<NicFilter>> before = new LinkedHashMap<>();
            s.record().filter(r -> r.filter().equals(filter)).ifPresent(r -> before.putAll(r.before()));
            List<Change> changes = new ArrayList<>();
            for (Element iface : s.definition().interfaces()) {
                String mac = requireFilterable(iface, name);
                NicFilter current = NicFilter.of(iface);
                if (current != null && current.filter().equals(filter)) {
                    lines.add("NIC " + mac + " (" + s.label() + "): already has filter " + filter);
                    continue;
                }
                before.put(mac, Optional.ofNullable(current));
                Change c = new Change(mac, current, drop);
                changes.add(c);
                lines.add(c.line() + " (" + s.label() + ")");
            }
            QuarantineRecord record = new QuarantineRecord(filter, before);
            scopes.add(new Scope(s.flag(), s.label(), s.definition(), changes, Optional.of(record),
                    !changes.isEmpty()));
        }
        if (scopes.stream().allMatch(s -> s.changes().isEmpty())) {
            lines.add("nothing to change on VM " + name);
        } else {
            lines.add("record each NIC's previous filter in VM " + name + "'s metadata (" + QuarantineRecord.NAMESPACE
                    + "), for release");
            lines.add("apply by device update: " + scopeText(scopes) + "; traffic stops at once; the NICs stay on"
                    + " their networks" + (lookups.isActive(d, name) ? "; VM " + name + " keeps running" : ""));
        }
        return new Prepared(d, name, filter, definition, scopes, lines);
    }

    /** Checks the domain and the recorded filters and works out the release. */
    Prepared prepareRelease(Domain d, String filter) throws ConnectorException {
        String name = lookups.name(d);
        requireDeviceUpdate(name);
        List<String> lines = new ArrayList<>();
        List<Scope> scopes = new ArrayList<>();
        for (ScopeRead s : scopes(d, name)) {
            Map<String, Optional<NicFilter>> before = s.record().filter(r -> r.filter().equals(filter))
                    .map(QuarantineRecord::before).orElse(Map.of());
            List<Change> changes = new ArrayList<>();
            for (Element iface : s.definition().interfaces()) {
                String mac = DomainDocument.macOf(iface);
                NicFilter current = NicFilter.of(iface);
                if (current == null || !current.filter().equals(filter)) {
                    lines.add("NIC " + mac + " (" + s.label() + "): not quarantined (" + NicFilter.describe(current)
                            + "), left as it is");
                    continue;
                }
                Optional<NicFilter> previous = mac == null ? null : before.get(mac);
                if (previous == null) {
                    throw lookups.refused("NIC " + mac + " of VM " + name + " (" + s.label() + ") has filter " + filter
                            + " but VirtGuard recorded no previous filter for it; nothing was changed: set its"
                            + " filterref by hand");
                }
                Change c = new Change(mac, current, previous.orElse(null));
                changes.add(c);
                lines.add(c.line() + " (" + s.label() + ")");
            }
            scopes.add(new Scope(s.flag(), s.label(), s.definition(), changes, Optional.empty(),
                    s.record().filter(r -> r.filter().equals(filter)).isPresent()));
        }
        if (scopes.stream().allMatch(s -> s.changes().isEmpty())) {
            lines.add("nothing to change on VM " + name);
        } else {
            lines.add("apply by device update: " + scopeText(scopes) + "; then remove the quarantine record from VM "
                    + name + "'s metadata");
        }
        return new Prepared(d, name, filter, Optional.empty(), scopes, lines);
    }

    /** Carries a prepared quarantine or release out, recording each step. */
    void apply(Prepared p, ActionSteps steps) throws ConnectorException {
        if (p.filterDefinition().isPresent()) {
            new QuarantineFilter(lookups).define(p.filter(), p.filterDefinition().get(), steps);
        }
        for (Scope s : p.scopes()) {
            boolean quarantine = s.record().isPresent();
            if (quarantine && s.recordChanges()) {
                writeRecord(p, s, steps);
            }
            for (Change c : s.changes()) {
                String step = c.line() + " (" + s.label() + ")";
                Element iface = s.definition().interfaceByMac(c.mac());
                s.definition().setFilter(iface, c.to());
                try {
                    p.domain().updateDeviceFlags(s.definition().toXml(iface), s.flag());
                } catch (LibvirtException e) {
                    throw steps.failed(step, e);
                }
                steps.done(step);
            }
            if (!quarantine && s.recordChanges()) {
                writeRecord(p, s, steps);
            }
        }
    }

    private void writeRecord(Prepared p, Scope s, ActionSteps steps) throws ConnectorException {
        String step = (s.record().isPresent() ? "record the NICs' previous filters in " : "remove the quarantine record"
                + " from ") + "VM " + p.vmName() + "'s metadata (" + s.label() + ")";
        try {
            p.domain().setMetadata(METADATA_ELEMENT, s.record().map(QuarantineRecord::toXml).orElse(null),
                    s.record().isPresent() ? QuarantineRecord.KEY : null, QuarantineRecord.NAMESPACE, s.flag());
        } catch (LibvirtException e) {
            throw steps.failed(step, e);
        }
        steps.done(step);
    }

    private record ScopeRead(int flag, String label, DomainDocument definition, Optional<QuarantineRecord> record) {
    }

    private List<ScopeRead> scopes(Domain d, String name) throws ConnectorException {
        List<ScopeRead> out = new ArrayList<>();
        if (lookups.isActive(d, name)) {
            out.add(read(d, name, AFFECT_LIVE, "live"));
        }
        if (lookups.isPersistent(d, name)) {
            out.add(read(d, name, AFFECT_CONFIG, "config"));
        }
        return out;
    }

    private ScopeRead read(Domain d, String name, int flag, String label) throws ConnectorException {
        DomainDocument definition = lookups.xml(d, name, flag == AFFECT_CONFIG);
        String xml;
        try {
            xml = d.getMetadata(METADATA_ELEMENT, QuarantineRecord.NAMESPACE, flag);
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA) {
                return new ScopeRead(flag, label, definition, Optional.empty());
            }
            throw lookups.refused("cannot read the metadata of VM " + name + " (" + label + "): "
                    + LibvirtErrors.message(e, lookups.source()));
        }
        return new ScopeRead(flag, label, definition, Optional.of(QuarantineRecord.parse(xml,
                new XmlOrigin(lookups.source().id(), "domain " + name + " (" + label + ")"))));
    }

    private void requireDeviceUpdate(String name) throws ConnectorException {
        String driver = lookups.driverType();
        if (driver.toLowerCase(Locale.ROOT).equals("test")) {
            throw lookups.refused("VM " + name + ": the " + driver + " driver has no device update and no nwfilter"
                    + " bindings, so it cannot be quarantined by nwfilter (use the network method)");
        }
    }

    private String requireFilterable(Element iface, String name) throws ConnectorException {
        String mac = DomainDocument.macOf(iface);
        String type = org.virtguard.xml.Dom.attrOrNull(iface, "type");
        if (mac == null || type == null || !FILTERABLE.contains(type)) {
            throw lookups.refused("VM " + name + " has a NIC that nwfilter cannot filter ("
                    + DomainDocument.describeAttachment(iface) + (mac == null ? ", no MAC" : ", MAC " + mac)
                    + "): quarantine by nwfilter would leave it open; use the network method. Nothing was changed");
        }
        return mac;
    }

    private static String scopeText(List<Scope> scopes) {
        List<String> labels = scopes.stream().filter(s -> !s.changes().isEmpty()).map(Scope::label).toList();
        return labels.contains("live") && labels.contains("config") ? "live and persistent config"
                : labels.contains("live") ? "live only" : "persistent config only";
    }
}
