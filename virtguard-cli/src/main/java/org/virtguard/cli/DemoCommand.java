package org.virtguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.virtguard.cli.inventory.InventoryTables;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.cli.sync.ConfiguredSource;
import org.virtguard.cli.sync.ConnectorRegistry;
import org.virtguard.cli.sync.InventorySyncService;
import org.virtguard.cli.sync.SourceCollector;
import org.virtguard.cli.sync.SyncReport;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventoryChange;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code virtguard demo}: syncs the bundled libvirt test-driver lab into a fresh embedded store, shows the
 * inventory, then applies a "day two" (a VM moved to another host, a vNIC switched into the DMZ, a VM
 * undefined), re-syncs and shows exactly what changed.
 */
@Command(name = "demo", description = "Run VirtGuard on the bundled libvirt test-driver lab (embedded store).")
public final class DemoCommand extends BaseCommand {

    @Option(names = "--keep", description = "Keep the demo store (default: start from a fresh one each run).")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        Path lab = DemoLab.locate();
        Path dataDir = context().dataDir().resolve("demo");
        if (!keep) {
            deleteRecursively(dataDir);
        }
        Path workLab = dataDir.resolve("lab");
        copyLab(lab, workLab);
        List<ConfiguredSource> sources = DemoLab.hostFiles(workLab).stream().map(DemoCommand::source).toList();

        out().printf("VirtGuard demo: %d libvirt test-driver hosts from %s%nstore: embedded H2 under %s%n%n",
                sources.size(), lab, dataDir.toAbsolutePath());
        InventorySyncService sync = new InventorySyncService(new SourceCollector(ConnectorRegistry.fromClassPath()),
                clock());
        try (Store store = Store.open(StoreConfig.embedded(dataDir))) {
            InventoryRepository inventory = store.inventory();
            SyncReport first = sync.sync(sources, inventory);
            failIfAnyFailed(first);
            out().printf("== Day one: first sync (%d ms) ==%n", first.duration().toMillis());
            printInventory(inventory);

            List<String> applied = DayTwoScenario.apply(workLab);
            out().printf("%n== Day two: on the hypervisors ==%n");
            applied.forEach(line -> out().println("  - " + line));
            SyncReport second = sync.sync(sources, inventory);
            failIfAnyFailed(second);
            out().printf("%n== Re-sync (%d ms): what VirtGuard recorded ==%n", second.duration().toMillis());
            List<InventoryChange> changes = second.outcome().changes();
            TableWriter.text(InventoryTables.changes(changes, true), out());
            out().printf("%nTry: ./virtguard --data-dir %s inventory show <vm>   |   inventory changes --format json%n",
                    context().dataDir().resolve("demo"));
        }
        out().flush();
        return ExitCodes.OK;
    }

    private void printInventory(InventoryRepository inventory) {
        var hosts = inventory.hosts();
        var vms = inventory.vms();
        Map<String, String> hostNames = hosts.stream()
                .collect(Collectors.toMap(h -> h.host().id(), h -> h.host().name(), (a, b) -> a));
        out().printf("%nHosts%n");
        TableWriter.text(InventoryTables.hosts(hosts, vms), out());
        out().printf("%nVMs%n");
        TableWriter.text(InventoryTables.vms(vms, hostNames), out());
        out().printf("%nvNICs%n");
        TableWriter.text(InventoryTables.nics(vms, hostNames), out());
        out().printf("%nNetworks%n");
        TableWriter.text(InventoryTables.networks(inventory.networks(), hostNames), out());
    }

    private static ConfiguredSource source(Path nodeFile) {
        String name = nodeFile.getFileName().toString().replaceFirst("\\.xml$", "");
        return new ConfiguredSource(new SourceSpec("lab-" + name, DemoLab.uriOf(nodeFile), Map.of("name", name)),
                Credentials.none());
    }

    private static void failIfAnyFailed(SyncReport report) {
        report.results().stream().filter(r -> !r.succeeded()).findFirst().ifPresent(r -> {
            throw new CliException(r.error(), "demo lab source failed: " + r.message());
        });
    }

    private static void copyLab(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new CliException(ErrorCode.STORE_UNAVAILABLE, "cannot reset demo directory " + dir + ": " + e);
        }
    }
}
