package org.virtguard.store.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

class FindingRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final ResourceRef WEB02 = new ResourceRef(ObjectType.VM, "uuid-web02", "web02");
    private static final ResourceRef DB01 = new ResourceRef(ObjectType.VM, "uuid-db01", "db01");

    private static Finding fail(String check, ResourceRef ref, Instant at) {
        return new Finding(check, ref, CheckStatus.FAIL, Severity.HIGH, "title", "message",
                Map.of("listen", "0.0.0.0"), List.of("pci-dss-4.0:2.2.7"), at);
    }

    @DatabaseTest
    void findingsKeepFirstSeenLastSeenAndResolution(Store store) {
        FindingRepository repo = store.findings();
        List<String> scope = List.of("console", "svirt");
        ScanRecord first = repo.recordScan(List.of(fail("console", WEB02, T0), fail("svirt", DB01, T0)), scope, T0);
        assertThat(first.counts()).containsExactly(2, 0, 0, 0);

        Instant t1 = T0.plusSeconds(3600);
        ScanRecord second = repo.recordScan(List.of(fail("console", WEB02, t1)), scope, t1);
        assertThat(second.counts()).containsExactly(0, 0, 1, 1);
        assertThat(repo.open()).singleElement().satisfies(f -> {
            assertThat(f.finding().checkId()).isEqualTo("console");
            assertThat(f.firstSeen()).isEqualTo(T0);
            assertThat(f.lastSeen()).isEqualTo(t1);
            assertThat(f.finding().evidence()).containsEntry("listen", "0.0.0.0");
        });
        assertThat(repo.history("uuid-db01")).singleElement().satisfies(f -> {
            assertThat(f.open()).isFalse();
            assertThat(f.resolvedAt()).isEqualTo(t1);
        });

        Instant t2 = t1.plusSeconds(3600);
        ScanRecord third = repo.recordScan(List.of(fail("console", WEB02, t2), fail("svirt", DB01, t2)), scope, t2);
        assertThat(third.counts()).containsExactly(0, 1, 1, 0);
        assertThat(repo.open()).hasSize(2);
    }

    @DatabaseTest
    void checksOutsideTheScanAreNotResolved(Store store) {
        FindingRepository repo = store.findings();
        repo.recordScan(List.of(fail("console", WEB02, T0)), List.of("console"), T0);
        ScanRecord other = repo.recordScan(List.of(), List.of("svirt"), T0.plusSeconds(60));
        assertThat(other.resolved()).isZero();
        assertThat(repo.open()).hasSize(1);
    }

    @DatabaseTest
    void exceptionsExpire(Store store) {
        FindingRepository repo = store.findings();
        repo.putException(new StoredException("console", "web02", "vendor appliance, replaced in Q1", "alice",
                LocalDate.parse("2026-12-31"), T0));
        repo.putException(new StoredException("svirt", "db*", "legacy", "bob", LocalDate.parse("2026-01-31"), T0));
        assertThat(repo.activeExceptions(LocalDate.parse("2026-11-22")))
                .extracting(StoredException::checkPattern).containsExactly("console");
        assertThat(repo.purgeExpired(LocalDate.parse("2026-11-22"))).isEqualTo(1);
        assertThat(repo.activeExceptions(LocalDate.parse("2026-01-01"))).hasSize(1);
    }
}
