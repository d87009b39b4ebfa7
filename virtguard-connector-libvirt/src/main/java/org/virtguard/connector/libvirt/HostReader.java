package org.virtguard.connector.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.SecurityModel;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;
import org.virtguard.model.Setting;
import org.virtguard.spi.ConnectorException;

/**
 * Reads the host behind a live connection: node info, driver type and versions, and connection security.
 * The host name is the option {@code name}, else the node file's base name for {@code test:} URIs (the test
 * driver reports the local machine's name for every file), else libvirt's {@code virConnectGetHostname}. The host
 * id comes from the hypervisor where it can ({@link HostIdentity}).
 */
final class HostReader {

    private HostReader() {
    }

    static Host read(Connect c, LibvirtSource source) throws ConnectorException {
        try {
            NodeInfo node = c.nodeInfo();
            String type = c.getType();
            String version = LibvirtVersions.format(c.getVersion());
            String libvirtVersion = LibvirtVersions.format(c.getLibVersion());
            Map<String, String> components = new LinkedHashMap<>();
            putIfPresent(components, "libvirt", libvirtVersion);
            putIfPresent(components, type.toLowerCase(Locale.ROOT), version);
            putIfPresent(components, "libvirt-client", clientVersion());
            HostHardware hardware = new HostHardware(node.model, node.sockets, node.cores, node.threads, node.cpus,
                    node.mhz, node.memory * 1024L, node.nodes);
            List<String> addresses = new ArrayList<>();
            if (source.uriHost() != null) {
                addresses.add(source.uriHost());
            }
            Map<String, Setting> settings = new LinkedHashMap<>();
            put(settings, Setting.ofString("libvirt.uri", source.displayUri()));
            put(settings, Setting.ofBoolean("connection.encrypted", c.isEncrypted() == 1));
            put(settings, Setting.ofBoolean("connection.secure", c.isSecure() == 1));
            String model = securityModel(c);
            put(settings, Setting.ofString("security.model", model == null || model.isBlank() ? "none" : model));
            HostIdentity identity = HostIdentity.of(c, source);
            identity.settings().forEach(s -> put(settings, s));
            return new Host(identity.id(), source.id(), hostName(c, source), Platform.LIBVIRT,
                    HypervisorKind.fromLibvirtType(type), type, version, version, components, addresses, hardware,
                    source.option("cluster", null), source.option("site", null), ConnectionState.CONNECTED,
                    settings);
        } catch (LibvirtException e) {
            throw LibvirtErrors.callFailed(e, source, "cannot read the host");
        }
    }

    /** The host name people use for this source. */
    static String hostName(Connect c, LibvirtSource source) throws LibvirtException {
        String configured = source.option("name", null);
        if (configured != null) {
            return configured;
        }
        if (source.testFile() != null) {
            String file = String.valueOf(source.testFile().getFileName());
            return file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
        }
        return c.getHostName();
    }

    private static String securityModel(Connect c) {
        try {
            SecurityModel model = c.getSecurityModel();
            return model == null ? null : model.getModel();
        } catch (LibvirtException | RuntimeException e) {
            return null;
        }
    }

    private static String clientVersion() {
        try {
            return LibvirtVersions.format(Library.getVersion());
        } catch (LibvirtException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void put(Map<String, Setting> settings, Setting s) {
        settings.put(s.key(), s);
    }
}
