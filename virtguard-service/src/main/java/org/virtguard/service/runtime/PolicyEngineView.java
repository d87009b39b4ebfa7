package org.virtguard.service.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.virtguard.server.query.StoredFindingsQuery;
import org.virtguard.server.views.FindingsJsonPage;
import org.virtguard.server.views.FindingsPage;
import org.virtguard.server.views.PolicyView;
import org.virtguard.server.views.ScanProgress;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import org.virtguard.store.Store;
import org.virtguard.store.findings.ScanRecord;
import org.virtguard.store.findings.StoredException;
import org.virtguard.store.findings.TrendPoint;

/**
 * The policy engine behind the server's findings, exceptions and scans. Every inventory change triggers a
 * re-evaluation on one background thread (changes arriving meanwhile coalesce into one more run), so a vNIC
 * moved into a forbidden zone is a finding within seconds. Results are recorded in the findings history (with each
 * finding's check area, host and zones), and the findings list, dashboard counts and trend are answered from there.
 */
public final class PolicyEngineView implements PolicyView, AutoCloseable {

    private static final Set<CheckStatus> RECORDED = Set.of(CheckStatus.FAIL, CheckStatus.ERROR,
            CheckStatus.NOT_COLLECTED, CheckStatus.EXCEPTED);
    private static final int MAX_SCANS_REMEMBERED = 100;

    private final Store store;
    private final CheckCatalog catalog;
    private volatile org.virtguard.exposure.ExposureScanner exposure;
    private final ZonePolicy zones;
    private final Clock clock;
    private final Consumer<String> log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            BackgroundThreads.named("virtguard-policy"));
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong scanIds = new AtomicLong();
    private final Map<String, ScanProgress> scans = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ScanProgress> eldest) {
            return size() > MAX_SCANS_REMEMBERED;
        }
    };
    private final StoredFindingsQuery stored;
    private volatile int maxExceptionDays = org.virtguard.service.config.ExceptionsConfig.DEFAULT_MAX_DAYS;
    private volatile int minJustification = org.virtguard.service.config.ExceptionsConfig.DEFAULT_MIN_JUSTIFICATION;
    private final List<Consumer<ScanRecord>> listeners = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Supplier<List<String>> dataWarnings = List::of;

    public PolicyEngineView(Store store, CheckCatalog catalog, ZonePolicy zones, Clock clock, Consumer<String> log) {
        this.store = store;
        this.catalog = catalog;
        this.zones = zones;
        this.clock = clock;
        this.log = log;
        this.stored = new StoredFindingsQuery(store.findings());
    }

    /** The zone policy itself: zones, classifications and the segmentation matrix. */
    public ZonePolicy zonePolicy() {
        return zones;
    }

    /** The zone policy, for showing each vNIC's zone. */
    public org.virtguard.spi.ZoneResolver zoneResolver() {
        return zones;
    }

    /**
     * Also evaluates hypervisor builds and guests against the exposure data at every evaluation (area
     * {@code exposure}).
     */
    public PolicyEngineView withExposure(org.virtguard.exposure.ExposureScanner scanner) {
        this.exposure = scanner;
        return this;
    }

    /** Also shows {@code warnings} (stale or missing vulnerability data) above the findings in the console. */
    public PolicyEngineView withDataWarnings(java.util.function.Supplier<List<String>> warnings) {
        this.dataWarnings = warnings;
        return this;
    }

    @Override
    public List<String> dataWarnings() {
        return dataWarnings.get();
    }

    /** The exposure scanner in use, or {@code null}. */
    public org.virtguard.exposure.ExposureScanner exposure() {
        return exposure;
    }

    /** The migration guard over this engine's placement checks and zone policy. */
    public org.virtguard.lifecycle.MigrationGuard migrationGuard() {
        return new org.virtguard.lifecycle.MigrationGuard(catalog.checks(), zones, clock);
    }

    /** Evaluates every check on the current inventory now, records the results in the store and tells listeners. */
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
        List<Finding> findings = new java.util.ArrayList<>(result.findings());
        List<String> checkIds = new java.util.ArrayList<>(catalog.checks().stream().map(CompiledCheck::id).toList());
        if (exposure != null) {
            exposure.scan(inventory.hosts(), inventory.vms()).stream().filter(f -> RECORDED.contains(f.status()))
                    .forEach(findings::add);
            checkIds.addAll(exposure.checkIds());
        }
        ScanRecord record = store.findings().recordScan(findings, checkIds, result.evaluatedAt(),
                new FindingPlaces(catalog, zones, inventory.vms())::of);
        for (Consumer<ScanRecord> listener : listeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                log.accept("scan listener failed: " + e.getMessage());
            }
        }
        return result;
    }

    /** Calls {@code listener} with what each evaluation changed (new, reopened and resolved findings). */
    public void addScanListener(Consumer<ScanRecord> listener) {
        listeners.add(listener);
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

    @Override
    public FindingsPage findings(FindingFilter filter, int offset, int limit) {
        return stored.findings(filter, offset, limit);
    }

    @Override
    public FindingsJsonPage findingsJson(FindingFilter filter, int offset, int limit) {
        return stored.findingsJson(filter, offset, limit);
    }

    @Override
    public Map<Severity, Long> failingBySeverity() {
        return stored.failingBySeverity();
    }

    @Override
    public Map<String, Map<Severity, Long>> failingByArea() {
        return stored.failingByArea();
    }

    @Override
    public Map<CheckStatus, Long> openByStatus() {
        return stored.openByStatus();
    }

    @Override
    public List<org.virtguard.model.NotCollectedGroup> notCollectedGroups(int limit) {
        return stored.notCollectedGroups(limit);
    }

    @Override
    public List<TrendPoint> trend(int evaluations) {
        return stored.trend(evaluations);
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

    /**
     * Sets the policy for granted exceptions: at most {@code maxDays} long, a justification of at least
     * {@code minJustification} characters (defaults 365 and 20).
     */
    public PolicyEngineView withExceptionLimits(int maxDays, int minJustification) {
        if (maxDays < 1 || minJustification < 1) {
            throw new IllegalArgumentException("exception limits must be positive");
        }
        this.maxExceptionDays = maxDays;
        this.minJustification = minJustification;
        return this;
    }

    /**
     * Grants an exception within the configured limits: a known check, one known resource (an inventory object or
     * one the check has reported on; no wildcard), a justification of at least the configured length, and an expiry
     * no further than the configured lifetime. Refusals name the field.
     */
    @Override
    public ExceptionGrant grantException(String checkId, String resourceId, String justification, Instant expiresAt,
                                         String grantedBy) {
        if (catalog.find(checkId).isEmpty()) {
            throw new IllegalArgumentException("field 'checkId': unknown check '" + checkId + "'");
        }
        Instant now = clock.instant();
        if (resourceId.contains("*") || resourceId.contains("?") || !knownResource(resourceId)) {
            throw new IllegalArgumentException("field 'resourceId' must name one known resource (a VM, host or "
                    + "network id, or a resource a finding names); '" + abbreviate(resourceId) + "' is not one"
                    + (resourceId.contains("*") || resourceId.contains("?") ? " (no wildcards)" : ""));
        }
        if (justification == null || justification.strip().length() < minJustification) {
            throw new IllegalArgumentException("field 'justification' must hold at least " + minJustification
                    + " characters: say why the risk is accepted");
        }
        Instant latest = now.plus(java.time.Duration.ofDays(maxExceptionDays));
        if (expiresAt.isAfter(latest)) {
            throw new IllegalArgumentException("field 'expiresAt': an exception may last at most " + maxExceptionDays
                    + " days, until " + LocalDate.ofInstant(latest, ZoneOffset.UTC));
        }
        LocalDate expires = LocalDate.ofInstant(expiresAt, ZoneOffset.UTC);
        store.findings().putException(new StoredException(checkId, resourceId, justification, grantedBy, expires, now));
        evaluateSoon();
        return new ExceptionGrant(checkId + "|" + resourceId, checkId, resourceId, justification, grantedBy, now,
                expires.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private boolean knownResource(String id) {
        boolean vm;
        try {
            vm = store.inventory().findVm(id).filter(v -> v.vm().id().equals(id)).isPresent();
        } catch (org.virtguard.store.AmbiguousNameException e) {
            vm = false;
        }
        return vm || store.inventory().hosts().stream().anyMatch(h -> h.host().id().equals(id))
                || store.inventory().networks().stream().anyMatch(n -> n.network().id().equals(id))
                || !store.findings().history(id).isEmpty();
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
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
