package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.findings.FindingPlacement;
import org.virtguard.store.flows.StoredFlowEdge;
import org.virtguard.store.security.Role;

/** Host and VM pages show their own open findings and the VM's recent flows. */
class VmPageTest {

    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        StoredFindingsPolicyView view = new StoredFindingsPolicyView();
        fixture = new ServerFixture(view);
        view.attach(fixture.store);
        Instant now = Instant.now();
        List<Finding> findings = List.of(
                finding("console-open", ObjectType.VM, "9b2e-db01", "db01", now),
                finding("nic-unfiltered", ObjectType.NIC, "9b2e-db01/52:54:00:00:00:02", "db01 nic", now),
                finding("svirt-off", ObjectType.VM, ServerFixture.WEB_VM_ID, "web01", now));
        fixture.store.findings().recordScan(findings, List.of("console-open", "nic-unfiltered", "svirt-off"), now,
                f -> new FindingPlacement("vm-hardening", "libvirt:kvm-a", Set.of()));
        fixture.store.flows().add(List.of(new StoredFlowEdge(now.minusSeconds(120), "VM", "web01", "db01", true, 7,
                70, 7000), new StoredFlowEdge(now.minusSeconds(120), "VM", "web01", "jump99", false, 1, 1, 1)));
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    private static Finding finding(String check, ObjectType type, String id, String name, Instant at) {
        return new Finding(check, new ResourceRef(type, id, name), CheckStatus.FAIL, Severity.HIGH, "title " + check,
                name + " fails " + check, Map.of(), List.of(), at);
    }

    @Test
    void theVmPageListsItsOwnFindingsAndFlowsOnly() {
        HttpResponse<String> page = fixture.getWithToken("/vms/9b2e-db01", Role.VIEWER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("db01 fails console-open", "db01 nic fails nic-unfiltered")
                .doesNotContain("web01 fails svirt-off");
        assertThat(page.body()).contains("id=\"timeline-table\"", "web01 → db01").doesNotContain("jump99");
        assertThat(page.body()).as("VLAN and labels as people write them").contains("<td>none</td>")
                .doesNotContain("VlanConfig[").doesNotContain("<dd>{}</dd>");
    }

    @Test
    void theHostPageListsTheFindingsOfItsVms() {
        HttpResponse<String> page = fixture.getWithToken("/hosts/libvirt:kvm-a", Role.VIEWER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("db01 fails console-open", "web01 fails svirt-off");
    }
}
