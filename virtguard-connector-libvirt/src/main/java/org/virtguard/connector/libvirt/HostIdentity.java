package org.virtguard.connector.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.virtguard.model.HostIdentitySettings;
import org.virtguard.model.Setting;

/**
 * The id of the host behind a live libvirt connection, taken from the hypervisor rather than from the source id,
 * so that renaming a source keeps the host and its history.
 *
 * <p>libvirt's host UUID (capabilities {@code <host><uuid>}) is trusted only when it is confirmed: it equals the
 * SMBIOS system UUID libvirt reports ({@code virConnectGetSysinfo}), or it equals the UUID the source's option
 * {@code host-uuid} declares (for a {@code host_uuid} set in {@code libvirtd.conf}). Without SMBIOS and without
 * {@code host_uuid}, libvirtd makes up a new UUID at every start, so an unconfirmed UUID is never used; the id is
 * then derived from the host name libvirt reports ({@code virConnectGetHostname}), the driver and the URI path,
 * and the host carries a note saying so. {@code test:} URIs (simulated hosts that all report this machine's name)
 * keep the source-based id.
 *
 * @param id          the host id
 * @param confirmed   whether the id rests on a confirmed hypervisor UUID
 * @param basis       how the id was chosen, for the host's {@value #BASIS} setting
 * @param note        why the identity is unconfirmed and how to fix it, or {@code null} when confirmed
 * @param previousIds ids the same host may be stored under (the source-based id of earlier versions, and the
 *                    host-name id once the UUID is confirmed), for the store to re-key its history
 */
record HostIdentity(String id, boolean confirmed, String basis, String note, List<String> previousIds) {

    /** Setting: how the host id was chosen. */
    static final String BASIS = HostIdentitySettings.BASIS;
    /** Setting: why the host identity is unconfirmed (absent when it is confirmed). */
    static final String NOTE = HostIdentitySettings.NOTE;
    /** Setting: ids this host may have been stored under before, comma-separated (see the store's re-keying). */
    static final String PREVIOUS_IDS = HostIdentitySettings.PREVIOUS_IDS;

    private static final Pattern HOST_UUID = Pattern.compile(
            "<host>\\s*<uuid>\\s*([0-9a-fA-F-]{32,36})\\s*</uuid>", Pattern.DOTALL);
    private static final Pattern SYSTEM_BLOCK = Pattern.compile("<system>(.*?)</system>", Pattern.DOTALL);
    private static final Pattern SYSTEM_UUID = Pattern.compile(
            "<entry\\s+name=['\"]uuid['\"]\\s*>\\s*([0-9a-fA-F-]{32,36})\\s*</entry>");
    private static final int MAX_XML = 1 << 20;

    /** Works out the identity of the host behind {@code c}. */
    static HostIdentity of(Connect c, LibvirtSource source) throws LibvirtException {
        if (source.testFile() != null || source.scheme().startsWith("test")) {
            return new HostIdentity(source.hostId(), false, "source id (simulated test-driver host)", null,
                    List.of());
        }
        String driver = source.scheme().contains("+")
                ? source.scheme().substring(0, source.scheme().indexOf('+')) : source.scheme();
        String suffix = "/" + driver + uriPath(source);
        String capabilitiesUuid = capabilitiesUuid(c).orElse(null);
        String declared = normalise(source.option("host-uuid", null));
        String smbios = systemUuid(c).orElse(null);
        String nameKey = hostNameKey(c).map(n -> "libvirt:host-name:" + n + suffix).orElse(null);
        if (capabilitiesUuid != null && (capabilitiesUuid.equals(smbios) || capabilitiesUuid.equals(declared))) {
            String basis = capabilitiesUuid.equals(smbios) ? "libvirt host UUID, confirmed by the SMBIOS system UUID"
                    : "libvirt host UUID, confirmed by the source option host-uuid";
            List<String> previous = new ArrayList<>();
            previous.add(source.hostId());
            if (nameKey != null) {
                previous.add(nameKey);
            }
            return new HostIdentity("libvirt:host-uuid:" + capabilitiesUuid + suffix, true, basis, null,
                    List.copyOf(previous));
        }
        String why;
        if (declared != null && capabilitiesUuid != null) {
            why = "host identity unconfirmed: libvirt reports host UUID " + capabilitiesUuid
                    + " but the source option host-uuid says " + declared + "; check that the URI reaches the "
                    + "intended hypervisor";
        } else {
            why = "host identity unconfirmed: libvirt reports no SMBIOS system UUID; set host_uuid in libvirtd.conf "
                    + "and the same value as the source option host-uuid";
        }
        if (nameKey != null) {
            return new HostIdentity(nameKey, false, "host name reported by libvirt (" + why.substring(
                    "host identity unconfirmed: ".length()) + ")", why, List.of(source.hostId()));
        }
        return new HostIdentity(source.hostId(), false, "source id (libvirt reports no usable host name)",
                why + "; libvirt reports no usable host name either, so the host id follows the source id",
                List.of());
    }

    /** The identity's settings for the host record. */
    List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        out.add(Setting.ofString(BASIS, (confirmed ? "confirmed: " : "unconfirmed: ") + basis));
        if (note != null) {
            out.add(Setting.ofString(NOTE, note));
        }
        if (!previousIds.isEmpty()) {
            out.add(Setting.ofString(PREVIOUS_IDS, String.join(",", previousIds)));
        }
        return out;
    }

    static Optional<String> capabilitiesUuid(Connect c) throws LibvirtException {
        return first(HOST_UUID, bounded(c.getCapabilities())).map(HostIdentity::normalise);
    }

    /** The SMBIOS system UUID, or empty when libvirt has none (no SMBIOS, or a driver without sysinfo). */
    static Optional<String> systemUuid(Connect c) {
        String xml;
        try {
            xml = bounded(c.getSysinfo());
        } catch (LibvirtException | RuntimeException e) {
            return Optional.empty();
        }
        return first(SYSTEM_BLOCK, xml).flatMap(block -> first(SYSTEM_UUID, block)).map(HostIdentity::normalise)
                .filter(HostIdentity::plausible);
    }

    private static Optional<String> hostNameKey(Connect c) {
        String name;
        try {
            name = c.getHostName();
        } catch (LibvirtException | RuntimeException e) {
            return Optional.empty();
        }
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.length() > 253 || n.equals("localhost") || n.startsWith("localhost.")
                || !n.matches("[a-z0-9._-]+")) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    private static String uriPath(LibvirtSource source) {
        try {
            String path = new URI(source.spec().uri()).getPath();
            return path == null || path.isEmpty() || path.equals("/") ? "" : path.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return "";
        }
    }

    static String normalise(String uuid) {
        if (uuid == null) {
            return null;
        }
        String hex = uuid.trim().replace("-", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{32}")) {
            return null;
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** Not one of the placeholder UUIDs firmware ships (all zeros, all ones). */
    private static boolean plausible(String uuid) {
        String hex = uuid.replace("-", "");
        return !hex.chars().allMatch(ch -> ch == '0') && !hex.chars().allMatch(ch -> ch == 'f');
    }

    private static String bounded(String xml) {
        if (xml == null) {
            return "";
        }
        return xml.length() > MAX_XML ? xml.substring(0, MAX_XML) : xml;
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
