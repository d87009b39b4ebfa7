package org.virtguard.cli.serve;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Severity;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.eval.PolicyException;
import org.virtguard.policy.eval.ScanResult;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.server.views.ExceptionGrant;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.server.views.FindingsPage;
import org.virtguard.server.views.PolicyView;
import org.virtguard.server.views.ScanProgress;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import org.virtguard.store.Store;
import org.virtguard.store.findings.StoredException;

/**
 * The policy engine behind the server's findings, exceptions and scans. Every inventory change triggers a
 * re-evaluation on one background thread (changes arriving meanwhile coalesce into one more run), so a vNIC
 * moved into a forbidden zone is a finding within seconds. Results are recorded in the findings history.
 */
public final class PolicyEngineView implements PolicyView, AutoCloseable {

    private static final Set<CheckStatus> RECORDED = Set.of(CheckStatus.FAIL, CheckStatus.ERROR,
            CheckStatus.NOT_COLLECTED, CheckStatus.EXCEPTED);
    private static final int MAX_SCANS_REMEMBERED = 100;

    private final Store store;
    private final CheckCatalog catalog;
    private final ZonePolicy zones;
    private final Clock clock;
    private final Consumer<String> log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "virtguard-policy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong scanIds = new AtomicLong();
    private final Map<String, ScanProgress> scans = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ScanProgress> eldest) {
            return size() > MAX_SCANS_REMEMBERED;
        }
    };
    private volatile List<Finding> latest = List.of();

    public PolicyEngineView(Store store, CheckCatalog catalog, ZonePolicy zones, Clock clock, Consumer<String> log) {
        this.store = store;
        this.catalog = catalog;
        this.zones = zones;
        this.clock = clock;
        this.log = log;
    }

    /** The zone policy, for showing each vNIC's zone. */
    public org.virtguard.spi.ZoneResolver zoneResolver() {
        return zones;
    }

    /** The migration guard over this engine's placement checks and zone policy. */
    public org.virtguard.lifecycle.MigrationGuard migrationGuard() {
        return new org.virtguard.lifecycle.MigrationGuard(catalog.checks(), zones, clock);
    }

    /** Evaluates every check on the current inventory now, records and keeps the results. */
    public synchronized ScanResult evaluate() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<PolicyException> exceptions = store.findings().activeExceptions(today).stream()
                .map(e -> new PolicyException(e.checkPattern(), e.resourcePattern(), e.justification(), e.owner(),
                        e.expires()))
                .toList();
        Inventory inventory = new Inventory(store.inventory().hosts().stream().map(StoredHost::host).toList(),
                store.inventory().vms().stream().map(StoredVm::vm).toList(),
                store.inventory().networks().stream().map(StoredNetwork::network).toList());
        ScanResult result = new Evaluator(catalog.checks(), zones, exceptions, Map.of(), clock)
                .evaluate(inventory, RECORDED::contains);
        store.findings().recordScan(result.findings(), catalog.checks().stream().map(CompiledCheck::id).toList(),
                result.evaluatedAt());
        latest = sorted(result.findings());
        return result;
    }

    /** Schedules a re-evaluation; calls while one is pending collapse into it. */
    public void evaluateSoon() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                try {
                    evaluate();
                } catch (RuntimeException e) {
                    log.accept("policy evaluation failed: " + e.getMessage());
                }
            });
        }
    }

    private static List<Finding> sorted(List<Finding> findings) {
        List<Finding> copy = new ArrayList<>(findings);
        copy.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::checkId)
                .thenComparing(f -> f.resource().id()));
        return List.copyOf(copy);
    }

    @Override
    public FindingsPage findings(FindingFilter filter, int offset, int limit) {
        List<Finding> matching = latest.stream().filter(f -> matches(f, filter)).toList();
        int from = Math.min(offset, matching.size());
        return new FindingsPage(matching.subList(from, Math.min(matching.size(), from + limit)), matching.size());
    }

    private static boolean matches(Finding f, FindingFilter filter) {
        return (filter.minSeverity() == null || f.severity().atLeast(filter.minSeverity()))
                && (filter.checkId() == null || filter.checkId().equals(f.checkId()))
                && (filter.state() == null || filter.state().equalsIgnoreCase(f.status().name()))
                && (filter.hostId() == null || filter.hostId().equals(f.evidence().get("host"))
                        || filter.hostId().equals(f.resource().id()))
                && (filter.zone() == null || f.evidence().values().stream().anyMatch(filter.zone()::equals));
    }

    @Override
    public Map<Severity, Long> failingBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Finding f : latest) {
            if (f.status() == CheckStatus.FAIL) {
                counts.merge(f.severity(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public List<ExceptionGrant> exceptions() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return store.findings().activeExceptions(today).stream()
                .map(e -> new ExceptionGrant(e.checkPattern() + "|" + e.resourcePattern(), e.checkPattern(),
                        e.resourcePattern(), e.justification(), e.owner(), e.createdAt(),
                        e.expires().atStartOfDay(ZoneOffset.UTC).toInstant()))
                .toList();
    }

    @Override
    public ExceptionGrant grantException(String checkId, String resourceId, String justification, Instant expiresAt,
                                         String grantedBy) {
        if (catalog.find(checkId).isEmpty()) {
            throw new IllegalArgumentException("unknown check '" + checkId + "'");
        }
        Instant now = clock.instant();
        LocalDate expires = LocalDate.ofInstant(expiresAt, ZoneOffset.UTC);
        store.findings().putException(new StoredException(checkId, resourceId, justification, grantedBy, expires, now));
        evaluateSoon();
        return new ExceptionGrant(checkId + "|" + resourceId, checkId, resourceId, justification, grantedBy, now,
                expires.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Override
    public ScanProgress startScan(String requestedBy) {
        String id = "scan-" + scanIds.incrementAndGet();
        Instant started = clock.instant();
        long total = store.inventory().vms().size() + store.inventory().hosts().size();
        ScanProgress running = new ScanProgress(id, "RUNNING", 0, total, started, null, null);
        synchronized (scans) {
            scans.put(id, running);
        }
        worker.execute(() -> {
            ScanProgress done;
            try {
                ScanResult r = evaluate();
                done = new ScanProgress(id, "FINISHED", total, total, started, clock.instant(),
                        r.findings().size() + " findings recorded");
            } catch (RuntimeException e) {
                done = new ScanProgress(id, "FAILED", 0, total, started, clock.instant(), e.getMessage());
            }
            synchronized (scans) {
                scans.put(id, done);
            }
        });
        return running;
    }

    @Override
    public Optional<ScanProgress> scan(String id) {
        synchronized (scans) {
            return Optional.ofNullable(scans.get(id));
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
