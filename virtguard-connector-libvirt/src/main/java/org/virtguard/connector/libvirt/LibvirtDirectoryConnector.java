package org.virtguard.connector.libvirt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.virtguard.connector.libvirt.xml.DomainParseContext;
import org.virtguard.connector.libvirt.xml.DomainXmlParser;
import org.virtguard.connector.libvirt.xml.FilterResolver;
import org.virtguard.connector.libvirt.xml.NetworkXmlParser;
import org.virtguard.connector.libvirt.xml.NwfilterXmlParser;
import org.virtguard.connector.libvirt.xml.ParsedDomain;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectLimits;
import org.virtguard.model.Network;
import org.virtguard.model.Platform;
import org.virtguard.model.Setting;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.InventoryConnector;

/**
 * Imports a directory of {@code virsh dumpxml} files as one libvirt host ({@code libvirt-dir:///abs/dir}):
 * the {@code .xml} files in it and in its subdirectories (up to {@value DirectoryReader#MAX_DEPTH} levels), each
 * recognised by its root element (domain, network, nwfilter). A dump whose UUID or name an earlier file (in path
 * order) already has is imported as a separate VM ({@code <uuid>~2}, {@code <name> (<file>)}) with a warning:
 * dropping either could hide its risks.
 *
 * <p>Every file is bounded in size and the number of files is bounded. A file that cannot be imported (not XML,
 * malformed, hostile, too large, an unknown root element) becomes a warning naming it, and
 * the other files still import. Guest addresses are not collected. Power state follows the dump: running when
 * the root element has an {@code id} other than {@code -1}, else off.
 *
 * <p>Options: {@code name} (host name; default the directory name), {@code site}, {@code cluster},
 * {@code max-files} (default 10,000), {@code max-file-bytes} (default 16 MiB), {@code security-info}
 * ({@code true} by default: the dumps were made with {@code virsh dumpxml --security-info}, so a console
 * without {@code passwd} has none; {@code false} reports console password presence as not collected).
 *
 * <p>After {@link #close()}, collecting throws a {@link ConnectorException}.
 */
public final class LibvirtDirectoryConnector implements InventoryConnector {

    private final LibvirtSource source;
    private final DirectoryReader reader;
    private final boolean passwordsIncluded;
    private volatile boolean closed;

    LibvirtDirectoryConnector(LibvirtSource source) throws ConnectorException {
        if (!source.isDirectory()) {
            throw new IllegalArgumentException("not a libvirt directory source: " + source.displayUri());
        }
        this.source = source;
        this.reader = new DirectoryReader(source, (int) source.longOption("max-files", 10_000),
                source.longOption("max-file-bytes", 16L * 1024 * 1024));
        this.passwordsIncluded = Boolean.parseBoolean(source.option("security-info", "true"));
    }

    /** Opens a connector for {@code libvirt-dir:///abs/dir}; nothing is read until {@link #collect()}. */
    public static LibvirtDirectoryConnector open(SourceSpec spec) throws ConnectorException {
        LibvirtSource source = LibvirtSource.parse(spec);
        if (!source.isDirectory()) {
            throw new ConnectorException(ErrorCode.INVALID_SOURCE, spec.id(),
                    source.describe() + ": not a libvirt-dir source");
        }
        return new LibvirtDirectoryConnector(source);
    }

    @Override
    public SourceSpec source() {
        return source.spec();
    }

    @Override
    public InventorySnapshot collect() throws ConnectorException {
        if (closed) {
            throw new ConnectorException(ErrorCode.CONNECTION_LOST, source.id(),
                    source.describe() + ": the connector was closed");
        }
        List<CollectionWarning> warnings = new ArrayList<>();
        DirectoryReader.Contents contents = reader.read(warnings);
        String hostId = source.hostId();

        List<TrafficFilterDefinition> filters = new ArrayList<>();
        for (DirectoryReader.XmlFile f : contents.filters()) {
            try {
                filters.add(NwfilterXmlParser.parse(f.doc(), origin(f), hostId));
            } catch (ConnectorException e) {
                warnings.add(warning(f, e));
            }
        }
        FilterResolver resolver = filters.isEmpty() ? FilterResolver.stockOnly()
                : FilterResolver.of(filters).withStockFallback();

        List<Network> networks = new ArrayList<>();
        Set<String> networkNames = new TreeSet<>();
        for (DirectoryReader.XmlFile f : contents.networks()) {
            try {
                Network n = NetworkXmlParser.parse(f.doc(), origin(f), hostId, true);
                if (networkNames.add(n.name())) {
                    networks.add(n);
                } else {
                    warnings.add(new CollectionWarning("file " + f.name(), ErrorCode.INVALID_INPUT,
                            f.name() + ": network " + n.name() + " is defined twice; ignored"));
                }
            } catch (ConnectorException e) {
                warnings.add(warning(f, e));
            }
        }

        Map<String, VirtualMachine> vms = new LinkedHashMap<>();
        Map<String, String> fileOfVm = new LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        for (DirectoryReader.XmlFile f : contents.domains()) {
            DomainParseContext ctx = new DomainParseContext(origin(f), hostId, resolver, passwordsIncluded,
                    "an offline domain dump holds no guest addresses");
            try {
                ParsedDomain parsed = DomainXmlParser.parse(f.doc(), ctx);
                VirtualMachine vm = parsed.vm();
                if (vms.containsKey(vm.id()) || names.contains(vm.name())) {
                    // Two dumps of one identity: kept apart, since dropping either could hide its risks.
                    String other = vms.containsKey(vm.id()) ? "has the UUID of " + fileOfVm.get(vm.id())
                            : "has the name of another domain";
                    vm = separate(vm, vms.keySet(), f.name());
                    warnings.add(new CollectionWarning("file " + f.name(), ErrorCode.INVALID_INPUT, f.name()
                            + ": domain " + parsed.vm().name() + " " + other + "; imported as the separate VM '"
                            + vm.name() + "'"));
                }
                names.add(vm.name());
                vms.put(vm.id(), vm);
                fileOfVm.put(vm.id(), f.name());
                for (String issue : parsed.issues()) {
                    warnings.add(new CollectionWarning("file " + f.name(), ErrorCode.INVALID_INPUT, issue));
                }
            } catch (ConnectorException e) {
                warnings.add(warning(f, e));
            }
        }
        filterWarnings(filters, resolver, vms.values(), warnings);
        Host host = host(vms.values());
        return ObjectLimits.apply(new InventorySnapshot(source.id(), Instant.now(), List.of(), List.of(),
                List.of(host), List.copyOf(vms.values()), networks, filters, warnings));
    }

    @Override
    public Optional<VirtualMachine> collectVm(String vmId) throws ConnectorException {
        String id = LiveCollector.normalise(vmId);
        return collect().vms().stream().filter(vm -> vm.id().equals(id)).findFirst();
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * The VM under an id and a name of its own ({@code <uuid>~<n>}, {@code <name> (<file>)}), its vNICs moved with
     * it, for a dump whose UUID or name an earlier file of the directory already has.
     */
    private static VirtualMachine separate(VirtualMachine vm, Set<String> taken, String file) {
        int n = 2;
        while (taken.contains(vm.id() + "~" + n)) {
            n++;
        }
        String id = vm.id() + "~" + n;
        List<VirtualNic> nics = new ArrayList<>();
        for (VirtualNic nic : vm.nics()) {
            String nicId = nic.id().startsWith(vm.id()) ? id + nic.id().substring(vm.id().length()) : nic.id();
            nics.add(new VirtualNic(nicId, id, nic.mac(), nic.attachment(), nic.networkName(), nic.switchName(),
                    nic.sourceDevice(), nic.sourceMode(), nic.vlan(), nic.model(), nic.targetDevice(), nic.filter(),
                    nic.ipAddresses(), nic.connected()));
        }
        return vm.toBuilder().id(id).name(vm.name() + " (" + file + ")").nics(nics).build();
    }

    private void filterWarnings(List<TrafficFilterDefinition> filters, FilterResolver resolver,
                                Iterable<VirtualMachine> vms, List<CollectionWarning> warnings) {
        Set<String> referenced = new TreeSet<>();
        for (VirtualMachine vm : vms) {
            vm.nics().forEach(n -> {
                if (n.filter() != null) {
                    referenced.add(n.filter().name());
                }
            });
        }
        if (referenced.isEmpty()) {
            return;
        }
        if (filters.isEmpty()) {
            warnings.add(FilterCatalog.stockAssumed("the directory holds no nwfilter definitions").warning()
                    .orElseThrow());
            return;
        }
        Set<String> assumed = resolver.assumedStockFilters(referenced);
        if (!assumed.isEmpty()) {
            warnings.add(new CollectionWarning("nwfilters", ErrorCode.INVALID_INPUT, "the directory does not define "
                    + String.join(", ", assumed) + "; libvirt's stock definitions were assumed for them"));
        }
    }

    private Host host(Iterable<VirtualMachine> vms) {
        Map<String, Integer> types = new LinkedHashMap<>();
        for (VirtualMachine vm : vms) {
            Setting type = vm.settings().get("domain.type");
            if (type != null && type.value() != null) {
                types.merge(type.value(), 1, Integer::sum);
            }
        }
        String type = types.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        String name = source.option("name", String.valueOf(source.directory().getFileName()));
        Map<String, Setting> settings = Map.of("libvirt.directory",
                Setting.ofString("libvirt.directory", source.directory().toString()));
        return new Host(source.hostId(), source.id(), name, Platform.LIBVIRT, hypervisor(type),
                type == null ? null : type.toUpperCase(java.util.Locale.ROOT), null, null, Map.of(), List.of(), null,
                source.option("cluster", null), source.option("site", null), ConnectionState.UNKNOWN, settings);
    }

    static HypervisorKind hypervisor(String domainType) {
        if (domainType == null) {
            return HypervisorKind.OTHER;
        }
        return switch (domainType) {
            case "kvm" -> HypervisorKind.KVM;
            case "qemu" -> HypervisorKind.QEMU;
            default -> HypervisorKind.fromLibvirtType(domainType);
        };
    }

    private XmlOrigin origin(DirectoryReader.XmlFile f) {
        return new XmlOrigin(source.id(), f.name());
    }

    private static CollectionWarning warning(DirectoryReader.XmlFile f, ConnectorException e) {
        return new CollectionWarning("file " + f.name(), e.code(), e.getMessage());
    }
}
