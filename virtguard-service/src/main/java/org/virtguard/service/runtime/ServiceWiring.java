package org.virtguard.service.runtime;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.service.ServiceException;
import org.virtguard.model.ErrorCode;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.server.views.FlowsView;
import org.virtguard.server.views.PolicyView;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.server.ServerContext;
import org.virtguard.server.ServerSettings;
import org.virtguard.server.security.AdminBootstrap;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.SecurityPolicy;
import org.virtguard.store.Store;

/** Builds the server's context and settings from the command line and environment; bootstraps the admin. */
public final class ServiceWiring {

    public static final String TLS_PASSWORD_VARIABLE = "VIRTGUARD_TLS_KEYSTORE_PASSWORD";

    private ServiceWiring() {
    }

    /**
     * The server context with the policy engine, when one is configured.
     *
     * @param policy the policy engine, or {@code null}
     * @param zones  the zone policy for display, or {@code null}
     */
    public static ServerContext context(Store store, Clock clock, PolicyView policy, ZoneResolver zones) {
        return context(store, clock, policy, zones, null);
    }

    /**
     * The server context with the policy engine and flow collection, when configured.
     *
     * @param policy the policy engine, or {@code null}
     * @param zones  the zone policy for display, or {@code null}
     * @param flows  the zone matrix from collected flows, or {@code null} when flows are not collected
     */
    public static ServerContext context(Store store, Clock clock, PolicyView policy, ZoneResolver zones,
                                        FlowsView flows) {
        return ServerContext.of(store, clock, PasswordHasher.standard(), SecurityPolicy.defaults(), policy, flows,
                zones, null);
    }

    /**
     * The segmentation policy of the zone policy's {@code segmentation:} section (deny between zones when the file
     * has none, or when there is no zone policy at all).
     */
    public static SegmentationPolicy segmentation(ZonePolicy zones) {
        return zones == null ? SegmentationPolicy.denyBetweenZones() : SegmentationPolicy.from(zones.segmentation());
    }

    /** The built-in checks plus those in {@code checkDirs}, and the zone policy in {@code zonesFile} (or none). */
    public static PolicyEngineView policyEngine(Store store, Clock clock, List<Path> checkDirs, Path zonesFile,
                                                java.util.function.Consumer<String> log) {
        try {
            CheckCatalog catalog = CheckCatalog.load(checkDirs);
            ZonePolicy zones = zonesFile == null ? ZonePolicy.empty() : ZonePolicyLoader.load(zonesFile);
            return new PolicyEngineView(store, catalog, zones, clock, log);
        } catch (CheckLoadException e) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, e.getMessage(), true);
        }
    }

    /**
     * The exposure scanner: the bundled advisories plus {@code advisoryFiles}, and the KEV catalogue in
     * {@code kevFile} (or none, so findings cannot say whether a CVE is known exploited).
     */
    public static org.virtguard.exposure.ExposureScanner exposure(Path kevFile, List<Path> advisoryFiles, Clock clock) {
        return exposure(kevFile, advisoryFiles, List.of(), List.of(), clock, null);
    }

    /**
     * The exposure scanner as above, also matching hosts against the NVD data in {@code nvdPaths} (files or
     * directories) with the ESXi/vCenter build tables in {@code buildTables}. NVD records or files that cannot be
     * read are logged to {@code log} (when given) and skipped; an unreadable build table stops the start.
     */
    public static org.virtguard.exposure.ExposureScanner exposure(Path kevFile, List<Path> advisoryFiles,
                                                                  List<Path> nvdPaths, List<Path> buildTables,
                                                                  Clock clock, java.util.function.Consumer<String> log) {
        try {
            org.virtguard.exposure.ExposureScanner scanner = new org.virtguard.exposure.ExposureScanner(
                    org.virtguard.exposure.AdvisoryDatabase.withFiles(advisoryFiles),
                    kevFile == null ? org.virtguard.exposure.KevCatalog.empty()
                            : org.virtguard.exposure.KevCatalog.load(kevFile),
                    org.virtguard.exposure.GuestOsLifecycle.bundled(), clock);
            if (nvdPaths.isEmpty() && buildTables.isEmpty()) {
                return scanner;
            }
            org.virtguard.exposure.nvd.NvdDataSet nvd = new org.virtguard.exposure.nvd.NvdReader().readAll(nvdPaths);
            org.virtguard.exposure.vmware.BuildTables builds = org.virtguard.exposure.vmware.BuildTables.load(buildTables);
            if (log != null) {
                nvd.problems().forEach(p -> log.accept("exposure data: " + p));
                builds.problems().forEach(p -> log.accept("exposure data: " + p));
            }
            return scanner.withVulnerabilityData(nvd, builds, org.virtguard.exposure.EpssLookup.NONE,
                    org.virtguard.exposure.DistributionFixes.NONE);
        } catch (org.virtguard.exposure.ExposureDataException e) {
            throw new ServiceException(ErrorCode.INVALID_INPUT, e.getMessage(), true);
        }
    }

    /**
     * The exposure scanner with the vulnerability data loaded into {@code store} ({@code virtguard exposure update}):
     * the KEV catalogue in {@code kevFile} when given, else the stored one; EPSS, OSV and lifecycle data sets from the
     * store, each with its provenance. A stored data set that cannot be read back is logged and left out.
     */
    public static org.virtguard.exposure.ExposureScanner exposure(Path kevFile, List<Path> advisoryFiles, Store store,
                                                                  Clock clock,
                                                                  java.util.function.Consumer<String> log) {
        return exposure(kevFile, advisoryFiles, List.of(), List.of(), store, clock, log);
    }

    private static org.virtguard.exposure.ExposureScanner storedExposure(Path kevFile, List<Path> advisoryFiles,
                                                                         Store store, Clock clock,
                                                                         java.util.function.Consumer<String> log) {
        org.virtguard.exposure.VulnerabilityData data = org.virtguard.service.exposure.StoredVulnerabilityData.load(
                store, org.virtguard.exposure.data.DataKinds.standard(), log);
        try {
            org.virtguard.exposure.KevCatalog kev;
            if (kevFile != null) {
                kev = org.virtguard.exposure.KevCatalog.load(kevFile);
                data = data.withDataSet(new org.virtguard.exposure.data.DataSetInfo("kev", "kev (configured file)",
                        String.valueOf(kevFile.getFileName()), "", 0, kev.dateReleased(), clock.instant(), kev.size(),
                        java.util.Map.of()));
            } else {
                kev = data.kev().orElse(org.virtguard.exposure.KevCatalog.empty());
            }
            return new org.virtguard.exposure.ExposureScanner(
                    org.virtguard.exposure.AdvisoryDatabase.withFiles(advisoryFiles), kev,
                    org.virtguard.exposure.GuestOsLifecycle.bundled(), clock).withData(data);
        } catch (org.virtguard.exposure.ExposureDataException e) {
            throw new ServiceException(ErrorCode.INVALID_INPUT, e.getMessage(), true);
        }
    }

    /**
     * The exposure scanner with the data loaded into {@code store} (as {@link #exposure(Path, List, Store, Clock,
     * java.util.function.Consumer)}) that also matches hosts against NVD records, placing ESXi/vCenter builds with
     * build tables: those loaded into the store and those in {@code nvdPaths} and {@code buildTables}. CVEs of
     * distribution-packaged QEMU and libvirt are decided by the loaded OSV data where it can.
     */
    public static org.virtguard.exposure.ExposureScanner exposure(Path kevFile, List<Path> advisoryFiles,
                                                                  List<Path> nvdPaths, List<Path> buildTables,
                                                                  Store store, Clock clock,
                                                                  java.util.function.Consumer<String> log) {
        java.util.function.Consumer<String> sink = log == null ? m -> { } : log;
        org.virtguard.exposure.ExposureScanner scanner = storedExposure(kevFile, advisoryFiles, store, clock, sink);
        try {
            org.virtguard.service.exposure.StoredNvdData cves = org.virtguard.service.exposure.StoredNvdData.load(
                    store, nvdPaths, buildTables, sink);
            if (cves.isEmpty()) {
                return scanner;
            }
            return scanner.withVulnerabilityData(cves.nvd(), cves.builds(), org.virtguard.exposure.EpssLookup.NONE,
                    new org.virtguard.exposure.OsvDistributionFixes(scanner.data(), clock));
        } catch (org.virtguard.exposure.ExposureDataException e) {
            throw new ServiceException(ErrorCode.INVALID_INPUT, e.getMessage(), true);
        }
    }

    /**
     * The HTTP listener's settings.
     *
     * @param tlsKeystore         PKCS#12 keystore for HTTPS, or {@code null} for plain HTTP
     * @param tlsKeystorePassword its password, or {@code null} without a keystore
     */
    public static ServerSettings settings(String bind, int port, Path tlsKeystore, char[] tlsKeystorePassword) {
        ServerSettings.Tls tls = null;
        if (tlsKeystore != null) {
            if (!Files.isReadable(tlsKeystore)) {
                throw new ServiceException(ErrorCode.INVALID_CONFIG, "cannot read TLS keystore " + tlsKeystore, true);
            }
            tls = new ServerSettings.Tls(tlsKeystore, tlsKeystorePassword);
        }
        try {
            return new ServerSettings(bind, port, tls, SecurityPolicy.defaults());
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, e.getMessage(), true);
        }
    }

    /**
     * Creates the first admin if there is none, with the password in {@link AdminBootstrap#PASSWORD_VARIABLE} or a
     * generated one.
     *
     * @return the generated password, to be shown once and then cleared, or empty
     */
    public static Optional<char[]> ensureAdmin(ServerContext context, Map<String, String> environment) {
        try {
            return AdminBootstrap.ensureAdmin(context.security(), context.hasher(),
                    environment.get(AdminBootstrap.PASSWORD_VARIABLE), context.clock().instant());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, e.getMessage());
        }
    }

    /** Prints a generated admin password this one time and clears it. */
    public static void printGeneratedAdmin(Optional<char[]> generated, PrintWriter out) {
        generated.ifPresent(password -> {
            out.printf("%nFirst run: created user '%s' with password%n%n    %s%n%n"
                            + "It is shown only this once and is not stored anywhere in clear text.%n",
                    AdminBootstrap.ADMIN_USER, new String(password));
            java.util.Arrays.fill(password, '\0');
        });
    }
}
