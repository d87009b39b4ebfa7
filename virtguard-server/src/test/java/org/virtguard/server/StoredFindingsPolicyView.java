package org.virtguard.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.Severity;
import org.virtguard.server.query.StoredFindingsQuery;
import org.virtguard.server.views.ExceptionGrant;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.server.views.FindingsJsonPage;
import org.virtguard.server.views.FindingsPage;
import org.virtguard.server.views.PolicyView;
import org.virtguard.server.views.ScanProgress;
import org.virtguard.store.findings.TrendPoint;

/** A policy engine for tests whose findings are whatever the test recorded in the fixture's store. */
public final class StoredFindingsPolicyView implements PolicyView {

    private volatile StoredFindingsQuery query;
    private volatile List<String> warnings = List.of();

    /** A view serving the findings of {@code store}, as the service wires its policy engine's read side. */
    public static StoredFindingsPolicyView of(org.virtguard.store.Store store) {
        StoredFindingsPolicyView view = new StoredFindingsPolicyView();
        view.attach(store);
        return view;
    }

    /** Serves the findings of this store (the fixture's, known only after the fixture started). */
    void attach(org.virtguard.store.Store store) {
        query = new StoredFindingsQuery(store.findings());
    }

    @Override
    public FindingsPage findings(FindingFilter filter, int offset, int limit) {
        return query.findings(filter, offset, limit);
    }

    @Override
    public FindingsJsonPage findingsJson(FindingFilter filter, int offset, int limit) {
        return query.findingsJson(filter, offset, limit);
    }

    /** Warnings the findings page shows above the findings (e.g. stale vulnerability data). */
    void warn(List<String> dataWarnings) {
        warnings = List.copyOf(dataWarnings);
    }

    @Override
    public List<String> dataWarnings() {
        return warnings;
    }

    @Override
    public Map<Severity, Long> failingBySeverity() {
        return query.failingBySeverity();
    }

    @Override
    public Map<String, Map<Severity, Long>> failingByArea() {
        return query.failingByArea();
    }

    @Override
    public List<TrendPoint> trend(int evaluations) {
        return query.trend(evaluations);
    }

    @Override
    public List<ExceptionGrant> exceptions() {
        return List.of();
    }

    @Override
    public ExceptionGrant grantException(String checkId, String resourceId, String justification, Instant expiresAt,
                                         String grantedBy) {
        throw new IllegalArgumentException("read-only test engine");
    }

    @Override
    public ScanProgress startScan(String requestedBy) {
        throw new IllegalArgumentException("read-only test engine");
    }

    @Override
    public Optional<ScanProgress> scan(String id) {
        return Optional.empty();
    }
}
