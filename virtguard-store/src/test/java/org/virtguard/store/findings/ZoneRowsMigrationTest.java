package org.virtguard.store.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.testdb.DatabaseTest;
import org.virtguard.store.testdb.TestDatabase;

/** V10 fills the new finding_zone columns of a database written before it from the findings. */
class ZoneRowsMigrationTest {

    @DatabaseTest
    void backfillsAreaHostAndStatusAndDropsZoneRowsWithoutAFinding(TestDatabase db) throws SQLException {
        StoreConfig config = db.config();
        Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:org/virtguard/store/migration").table("virtguard_schema_history")
                .target("9").load().migrate();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement()) {
            s.execute(finding("zone-nic", "vm-1", "FAIL", "CRITICAL", 4, "zones", "'host-a'", true));
            s.execute(finding("svirt", "vm-2", "EXCEPTED", "HIGH", 3, "vm-hardening", "NULL", true));
            s.execute(finding("svirt", "vm-3", "FAIL", "LOW", 1, "vm-hardening", "'host-b'", false));
            s.execute("INSERT INTO finding_zone (check_id, resource_id, zone, is_open, severity_rank) VALUES "
                    + "('zone-nic', 'vm-1', 'dmz', TRUE, 4), ('zone-nic', 'vm-1', 'pci', TRUE, 4), "
                    + "('svirt', 'vm-2', 'dmz', TRUE, 3), ('svirt', 'vm-3', 'dmz', FALSE, 1), "
                    + "('gone', 'vm-9', 'dmz', TRUE, 4)");
        }
        try (Store store = Store.open(config)) {
            List<String> rows = store.jdbi().withHandle(h -> h.createQuery("SELECT check_id, resource_id, zone, "
                            + "is_open, status, area, host_id FROM finding_zone ORDER BY check_id, resource_id, zone")
                    .map((rs, ctx) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3),
                            Boolean.toString(rs.getBoolean(4)), rs.getString(5), rs.getString(6),
                            String.valueOf(rs.getString(7))))
                    .list());
            assertThat(rows).containsExactly(
                    "svirt vm-2 dmz true EXCEPTED vm-hardening null",
                    "svirt vm-3 dmz false FAIL vm-hardening host-b",
                    "zone-nic vm-1 dmz true FAIL zones host-a",
                    "zone-nic vm-1 pci true FAIL zones host-a");
            FindingRepository repo = store.findings();
            assertThat(names(repo.page(new FindingQuery(null, null, "vm-hardening", "dmz", null, "excepted"), 0, 10)))
                    .containsExactly("svirt/vm-2");
            assertThat(names(repo.page(new FindingQuery(null, null, null, "dmz", "host-b", "resolved"), 0, 10)))
                    .containsExactly("svirt/vm-3");
            assertThat(names(repo.page(new FindingQuery(null, null, null, "pci", "host-a", "fail"), 0, 10)))
                    .containsExactly("zone-nic/vm-1");
        }
    }

    private static String finding(String check, String resource, String status, String severity, int rank,
                                  String area, String host, boolean open) {
        return "INSERT INTO finding (check_id, resource_id, resource_type, resource_name, status, severity, "
                + "severity_rank, first_seen, last_seen, resolved_at, doc, area, host_id, is_open) VALUES ('" + check
                + "', '" + resource + "', 'VM', '" + resource + "', '" + status + "', '" + severity + "', " + rank
                + ", TIMESTAMP WITH TIME ZONE '2026-11-22 08:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-22 08:00:00+00', "
                + (open ? "NULL" : "TIMESTAMP WITH TIME ZONE '2026-11-22 09:00:00+00'") + ", '"
                + doc(check, resource, status, severity).replace("'", "''") + "', '" + area + "', " + host + ", "
                + open + ")";
    }

    private static String doc(String check, String resource, String status, String severity) {
        return InventoryJson.write(new Finding(check, new ResourceRef(ObjectType.VM, resource, resource),
                CheckStatus.valueOf(status), Severity.valueOf(severity), "t", "m", Map.of(), List.of(),
                Instant.parse("2026-11-22T08:00:00Z")));
    }

    private static List<String> names(FindingPage page) {
        return page.items().stream().map(s -> s.finding().checkId() + "/" + s.finding().resource().id()).toList();
    }
}
