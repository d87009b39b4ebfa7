package org.virtguard.server.query;

import java.util.List;
import java.util.Map;

import org.virtguard.model.Severity;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.server.views.FindingsJsonPage;
import org.virtguard.server.views.FindingsPage;
import org.virtguard.server.views.RawJson;
import org.virtguard.store.findings.FindingJsonPage;
import org.virtguard.store.findings.FindingPage;
import org.virtguard.store.findings.FindingQuery;
import org.virtguard.store.findings.FindingRepository;
import org.virtguard.store.findings.StoredFinding;
import org.virtguard.store.findings.TrendPoint;

/**
 * The read side of a policy engine whose evaluations are recorded in the store: the findings list, the dashboard
 * counts and the trend, answered by the database (H2 or PostgreSQL) rather than from memory.
 */
public final class StoredFindingsQuery {

    private final FindingRepository findings;

    public StoredFindingsQuery(FindingRepository findings) {
        this.findings = findings;
    }

    /**
     * One page of the findings matching the filter, severity descending, then check id, then resource id.
     *
     * @throws IllegalArgumentException when the filter's state is unknown
     */
    public FindingsPage findings(FindingFilter filter, int offset, int limit) {
        FindingPage page = findings.page(query(filter), offset, limit);
        return new FindingsPage(page.items().stream().map(StoredFinding::finding).toList(), page.total());
    }

    /** The same page as stored JSON documents, passed on without parsing. */
    public FindingsJsonPage findingsJson(FindingFilter filter, int offset, int limit) {
        FindingJsonPage page = findings.pageJson(query(filter), offset, limit);
        return new FindingsJsonPage(page.docs().stream().map(RawJson::new).toList(), page.total());
    }

    /** The store's query for a server filter. */
    public static FindingQuery query(FindingFilter filter) {
        return new FindingQuery(filter.minSeverity(), filter.checkId(), filter.area(), filter.zone(), filter.hostId(),
                filter.state(), filter.vmId());
    }

    /** Open findings in status FAIL by severity. */
    public Map<Severity, Long> failingBySeverity() {
        return findings.failingBySeverity();
    }

    /** Open findings in status FAIL by check area, then severity. */
    public Map<String, Map<Severity, Long>> failingByArea() {
        return findings.failingByArea();
    }

    /** Open findings by status. */
    public Map<org.virtguard.model.CheckStatus, Long> openByStatus() {
        return findings.openByStatus();
    }

    /** Open NOT_COLLECTED findings grouped by what is missing and why, at most {@code limit} groups. */
    public List<org.virtguard.model.NotCollectedGroup> notCollectedGroups(int limit) {
        return findings.notCollectedGroups(limit);
    }

    /** Failing counts of the latest evaluations, oldest first. */
    public List<TrendPoint> trend(int evaluations) {
        return findings.trend(evaluations);
    }
}
