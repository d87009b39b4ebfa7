package org.virtguard.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.server.views.ExceptionGrant;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.server.views.FindingsPage;
import org.virtguard.server.views.PolicyView;
import org.virtguard.server.views.ScanProgress;

/** A policy engine for tests: one failing zone finding on web01; a granted exception turns it EXCEPTED. */
final class RecordingPolicyView implements PolicyView {

    private final List<ExceptionGrant> grants = new ArrayList<>();

    private synchronized List<Finding> current() {
        boolean excepted = grants.stream().anyMatch(g -> g.checkId().equals("zone-nic-not-allowed"));
        return List.of(new Finding("zone-nic-not-allowed", new ResourceRef(ObjectType.VM, ServerFixture.WEB_VM_ID,
                "web01"), excepted ? CheckStatus.EXCEPTED : CheckStatus.FAIL, Severity.HIGH,
                "vNIC in a zone its classification forbids", "web01's vNIC is in zone dmz; allowed: internal",
                Map.of("zone", "dmz"), List.of("PCI-DSS-4.0:1.3.1"), ServerFixture.T0));
    }

    @Override
    public FindingsPage findings(FindingFilter filter, int offset, int limit) {
        List<Finding> all = current();
        return new FindingsPage(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)),
                all.size());
    }

    @Override
    public Map<Severity, Long> failingBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        current().stream().filter(f -> f.status() == CheckStatus.FAIL).forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized List<ExceptionGrant> exceptions() {
        return List.copyOf(grants);
    }

    @Override
    public synchronized ExceptionGrant grantException(String checkId, String resourceId, String justification,
                                                      Instant expiresAt, String grantedBy) {
        ExceptionGrant grant = new ExceptionGrant("ex-" + (grants.size() + 1), checkId, resourceId, justification,
                grantedBy, Instant.now(), expiresAt);
        grants.add(grant);
        return grant;
    }

    @Override
    public ScanProgress startScan(String requestedBy) {
        return new ScanProgress("scan-1", "FINISHED", 1, 1, Instant.now(), Instant.now(), "1 finding");
    }

    @Override
    public Optional<ScanProgress> scan(String id) {
        return Optional.empty();
    }
}
