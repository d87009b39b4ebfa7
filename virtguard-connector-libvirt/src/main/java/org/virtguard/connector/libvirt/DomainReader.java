package org.virtguard.connector.libvirt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterface;
import org.libvirt.LibvirtException;
import org.virtguard.connector.libvirt.xml.DomainParseContext;
import org.virtguard.connector.libvirt.xml.DomainXmlParser;
import org.virtguard.connector.libvirt.xml.FilterResolver;
import org.virtguard.connector.libvirt.xml.ParsedDomain;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.Collected;
import org.virtguard.model.PowerState;
import org.virtguard.model.Setting;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.model.net.IpAddressText;

/**
 * Reads one live domain: its XML (with security info when the connection may read it, so that console password
 * presence is known; the password itself is never kept), its state, autostart and persistence, and the guest
 * addresses libvirt reports for running domains. The security labels of a persistent domain always come from
 * its persistent configuration, not from the live XML: libvirt adds and generates labels for each run (see
 * {@link DomainXmlParser#configuredSecurityLabels}), which would otherwise record a change at every start and
 * stop, also when the domain stops between the reads of its XML and of its state. A transient domain has no
 * other configuration and keeps its live labels.
 */
final class DomainReader {

    /** {@code addressSource} value that turns guest address lookup off. */
    static final int NO_ADDRESSES = -1;

    private static final int VIR_DOMAIN_XML_SECURE = 1;
    private static final int VIR_DOMAIN_XML_INACTIVE = 2;

    private final LibvirtSource source;
    private final String hostId;
    private final String hostName;
    private final FilterResolver filters;
    private final int addressSource;

    DomainReader(LibvirtSource source, String hostId, String hostName, FilterResolver filters, int addressSource) {
        this.source = source;
        this.hostId = hostId;
        this.hostName = hostName;
        this.filters = filters;
        this.addressSource = addressSource;
    }

    /**
     * @throws LibvirtException   when libvirt fails (the domain vanished, the connection broke)
     * @throws ConnectorException when the XML is unusable
     */
    ParsedDomain read(Domain d) throws LibvirtException, ConnectorException {
        String name = d.getName();
        boolean secure = true;
        String xml;
        try {
            xml = d.getXMLDesc(VIR_DOMAIN_XML_SECURE);
        } catch (LibvirtException e) {
            if (!LibvirtErrors.isDenied(e) && !LibvirtErrors.isUnsupported(e) && !LibvirtErrors.isRejectedFlag(e)) {
                throw e;
            }
            secure = false;
            xml = d.getXMLDesc(0);
        }
        XmlOrigin origin = new XmlOrigin(source.id(), "domain " + name + " on " + hostName);
        DomainInfo info = d.getInfo();
        PowerState state = powerState(info.state);
        boolean active = state == PowerState.RUNNING || state == PowerState.PAUSED;
        String noAddresses = addressSource == NO_ADDRESSES
                ? "guest address lookup is off for this source (option address-source)"
                : active ? "libvirt reported no addresses" : "the domain is not running";
        DomainParseContext ctx = new DomainParseContext(origin, hostId, filters, secure, noAddresses);
        ParsedDomain parsed = DomainXmlParser.parse(xml.getBytes(StandardCharsets.UTF_8), ctx);
        VirtualMachine.Builder vm = parsed.vm().toBuilder().powerState(state);
        List<String> issues = parsed.issues();
        if (parsed.vm().template() && active) {
            // Templates are exempt from the device checks: a running domain keeps them whatever its metadata says.
            vm.template(false);
            issues = new ArrayList<>(issues);
            issues.add(origin.label() + ": marked as a template in its metadata but running; checked as a VM");
        }
        if (active && addressSource != NO_ADDRESSES) {
            vm.nics(withAddresses(d, parsed.vm().nics()));
        }
        boolean persistent = d.isPersistent() == 1;
        if (persistent) {
            vm.securityLabels(DomainXmlParser.configuredSecurityLabels(
                    d.getXMLDesc(VIR_DOMAIN_XML_INACTIVE).getBytes(StandardCharsets.UTF_8), origin));
        }
        vm.setting(Setting.ofBoolean("libvirt.autostart", d.getAutostart()));
        vm.setting(Setting.ofBoolean("libvirt.persistent", persistent));
        return new ParsedDomain(vm.build(), issues);
    }

    private List<VirtualNic> withAddresses(Domain d, List<VirtualNic> nics) {
        Map<String, List<String>> byMac = new HashMap<>();
        String failure = null;
        try {
            Collection<DomainInterface> interfaces = d.interfaceAddresses(addressSource, 0);
            for (DomainInterface i : interfaces) {
                if (i.hwAddr == null) {
                    continue;
                }
                List<String> addrs = byMac.computeIfAbsent(i.hwAddr.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                if (i.addrs != null) {
                    for (DomainInterface.InterfaceAddress a : i.addrs) {
                        addrs.add(IpAddressText.format(a.address) + "/" + a.prefixLength);
                    }
                }
            }
        } catch (LibvirtException e) {
            failure = "libvirt cannot report guest addresses: " + LibvirtErrors.message(e, source);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            failure = "libvirt cannot report guest addresses (" + e.getClass().getSimpleName() + ")";
        }
        List<VirtualNic> out = new ArrayList<>();
        for (VirtualNic n : nics) {
            Collected<List<String>> ips;
            if (failure != null) {
                ips = Collected.notCollected(failure);
            } else {
                ips = Collected.of(List.copyOf(n.mac() == null ? List.of() : byMac.getOrDefault(n.mac(), List.of())));
            }
            out.add(new VirtualNic(n.id(), n.vmId(), n.mac(), n.attachment(), n.networkName(), n.switchName(),
                    n.sourceDevice(), n.sourceMode(), n.vlan(), n.model(), n.targetDevice(), n.filter(), ips,
                    n.connected()));
        }
        return out;
    }

    static PowerState powerState(DomainInfo.DomainState state) {
        if (state == null) {
            return PowerState.UNKNOWN;
        }
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.RUNNING;
            case VIR_DOMAIN_PAUSED -> PowerState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> PowerState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> PowerState.OFF;
            case VIR_DOMAIN_CRASHED -> PowerState.CRASHED;
            case VIR_DOMAIN_PMSUSPENDED -> PowerState.SUSPENDED;
            case VIR_DOMAIN_NOSTATE -> PowerState.UNKNOWN;
        };
    }
}
