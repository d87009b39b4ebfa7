package org.virtguard.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.Alert;
import org.virtguard.model.Collected;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.StoredAction;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.Role;

class ResponseServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final Actor ALICE = new Actor("alice", true, "127.0.0.1");
    private static final Actor BOB = new Actor("bob", true, "127.0.0.2");
    private static final Actor OLIVER = new Actor("oliver", false, "127.0.0.3");

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> log = new ArrayList<>();
    private Store store;
    private LabActuator lab;

    @BeforeEach
    void openStore() {
        store = Store.open(StoreConfig.embedded(temp));
        Host host = new Host("lab:h1", "lab", "h1", Platform.LIBVIRT, HypervisorKind.TEST, null, null, null, null,
                null, null, null, null, null, Map.of());
        VirtualMachine db = VirtualMachine.builder("lab:db01", "db01").hostId("lab:h1")
                .powerState(PowerState.RUNNING)
                .addNic(nic("lab:db01", "52:54:00:00:00:01", "default"))
                .addNic(nic("lab:db01", "52:54:00:00:00:02", "backup"))
                .build();
        store.inventory().applySync(List.of(new InventorySnapshot("lab", T0, null, null, List.of(host), List.of(db),
                null, null, null)), List.of(), T0);
        lab = new LabActuator(new java.util.HashSet<>(Set.of("default", "backup", "quarantine")), db);
        Instant before = T0.minus(Duration.ofDays(30));
        store.security().users().create("alice", Role.ADMIN, "hash", before);
        store.security().users().create("bob", Role.ADMIN, "hash", before);
        store.security().users().create("oliver", Role.OPERATOR, "hash", before);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private ResponseService service(String policyYaml) {
        ResponsePolicy policy = policyYaml == null ? ResponsePolicy.none()
                : ResponsePolicyLoader.parse("response.yaml", policyYaml);
        return new ResponseService(store, policy, source -> source.equals("lab") ? Optional.of(lab) : Optional.empty(),
                clock, log::add);
    }

    private static final String POLICY = """
            quarantine: {network: quarantine}
            approval: {expiresAfter: 1h}
            triggers:
              - {on: lifecycle.dormant-vm-returned, action: quarantine, mode: request}
            """;

    @Test
    void theRequesterCannotApproveTheirOwnRequestAndNothingChanges() {
        ResponseService service = service(POLICY);
        StoredAction requested = service.request(new ActionSpec("quarantine", "db01", Map.of(), "suspicious"), ALICE);

        assertThat(requested.status()).isEqualTo(ActionStatus.PENDING);
        assertThat(requested.request().plan()).containsExactly(
                "NIC 52:54:00:00:00:01: network default -> quarantine",
                "NIC 52:54:00:00:00:02: network backup -> quarantine");
        assertThatThrownBy(() -> service.approve(requested.id(), ALICE, "self"))
                .isInstanceOf(ResponseException.class).hasMessageContaining("two-person rule");
        assertThat(lab.executed).isEmpty();
        assertThat(service.find(requested.id()).orElseThrow().status()).isEqualTo(ActionStatus.PENDING);
        assertThat(networks()).containsExactly("default", "backup");
    }

    @Test
    void aSecondAdminApprovesAndTheVmLandsOnTheQuarantineNetworkWithEveryStepAudited() {
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("quarantine", "db01", Map.of(), "suspicious"), ALICE).id();

        StoredAction done = service.approve(id, BOB, "confirmed by phone");

        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(done.decidedBy()).isEqualTo("bob");
        assertThat(lab.executed).hasSize(1);
        assertThat(networks()).containsExactly("quarantine", "quarantine");
        List<AuditEntry> audit = store.security().audit().list(0, 10);
        assertThat(audit).extracting(e -> e.record().action()).containsExactly("response.execute",
                "response.approve", "response.request", "response.plan");
        assertThat(audit.get(0).record().target()).contains("action #" + id, "quarantine", "db01");
        assertThat(audit).extracting(e -> e.record().actor()).containsExactly("bob", "bob", "alice", "alice");
        assertThat(store.security().audit().verify().valid()).isTrue();
    }

    @Test
    void aSockPuppetAdminCreatedByTheRequesterAfterTheRequestCannotApproveAndNothingRuns() {
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("power-off", "db01", Map.of(), "mallory acts alone"), ALICE).id();
        clock.advance(Duration.ofMinutes(1));
        store.security().users().create("alice2", Role.ADMIN, "hash", clock.instant(), "alice");
        Actor puppet = new Actor("alice2", true, "127.0.0.1");

        assertThatThrownBy(() -> service.approve(id, puppet, "looks fine"))
                .isInstanceOf(ResponseException.class).hasMessageContaining("two-person rule")
                .hasMessageContaining("created after the request");
        assertThat(lab.executed).isEmpty();
        assertThat(service.find(id).orElseThrow().status()).isEqualTo(ActionStatus.PENDING);
        assertThat(store.inventory().findVm("db01").orElseThrow().vm().powerState()).isEqualTo(PowerState.RUNNING);

        StoredAction done = service.approve(id, BOB, "confirmed");
        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(lab.executed).hasSize(1);
    }

    @Test
    void anAccountTheRequesterCreatedOrLastChangedCannotApproveEvenIfItExistedBefore() {
        store.security().users().create("puppet", Role.OPERATOR, "hash", T0.minus(Duration.ofDays(2)), "alice");
        store.security().users().setRole("bob", Role.ADMIN, "alice", T0.minus(Duration.ofDays(1)));
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("power-off", "db01", Map.of(), null), ALICE).id();
        store.security().users().setRole("puppet", Role.ADMIN, "carol", T0);
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> service.approve(id, new Actor("puppet", true, "x"), null))
                .hasMessageContaining("created or last changed by the requester alice");
        assertThatThrownBy(() -> service.approve(id, BOB, null))
                .hasMessageContaining("created or last changed by the requester alice");
        assertThat(lab.executed).isEmpty();
    }

    @Test
    void anAdminCannotApproveTheRequestOfAnOperatorAccountTheyCreated() {
        store.security().users().create("helper", Role.OPERATOR, "hash", T0.minus(Duration.ofDays(1)), "bob");
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("power-off", "db01", Map.of(), null),
                new Actor("helper", false, "x")).id();

        assertThatThrownBy(() -> service.approve(id, BOB, null))
                .hasMessageContaining("the requester's account helper was created or last changed by bob");
        assertThat(service.approve(id, ALICE, null).status()).isEqualTo(ActionStatus.EXECUTED);
    }

    @Test
    void aRefusedSelfApprovalIsAuditedOnceByTheService() {
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("power-off", "db01", Map.of(), null), ALICE).id();

        assertThatThrownBy(() -> service.approve(id, ALICE, null)).isInstanceOfSatisfying(ResponseException.class,
                e -> assertThat(e.audited()).isTrue());
        assertThat(store.security().audit().list(0, 10)).filteredOn(e -> e.record().outcome().equals("denied"))
                .hasSize(1);
    }

    @Test
    void anOperatorCannotApprove() {
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("power-off", "db01", Map.of(), null), ALICE).id();

        assertThatThrownBy(() -> service.approve(id, OLIVER, null)).hasMessageContaining("only an admin");
        assertThat(lab.executed).isEmpty();
    }

    @Test
    void anExpiredRequestIsMarkedExpiredAndChangesNothing() {
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("power-off", "db01", Map.of(), null), ALICE).id();

        clock.advance(Duration.ofMinutes(61));

        assertThatThrownBy(() -> service.approve(id, BOB, null)).hasMessageContaining("expired");
        assertThat(service.find(id).orElseThrow().status()).isEqualTo(ActionStatus.EXPIRED);
        assertThat(lab.executed).isEmpty();
        assertThat(store.inventory().findVm("db01").orElseThrow().vm().powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void overdueRequestsExpireInBulk() {
        ResponseService service = service(POLICY);
        service.request(new ActionSpec("power-off", "db01", Map.of(), null), ALICE);
        clock.advance(Duration.ofMinutes(30));
        long fresh = service.request(new ActionSpec("quarantine", "db01", Map.of(), null), ALICE).id();
        clock.advance(Duration.ofMinutes(31));

        assertThat(service.expireOverdue()).isEqualTo(1);
        assertThat(service.list(Set.of(ActionStatus.PENDING), 10)).extracting(StoredAction::id).containsExactly(fresh);
    }

    @Test
    void aRejectedRequestCannotBeApprovedAfterwards() {
        ResponseService service = service(POLICY);
        long id = service.request(new ActionSpec("power-off", "db01", Map.of(), null), ALICE).id();

        assertThat(service.reject(id, BOB, "not needed").status()).isEqualTo(ActionStatus.REJECTED);

        assertThatThrownBy(() -> service.approve(id, BOB, null)).hasMessageContaining("rejected, not pending");
        assertThat(lab.executed).isEmpty();
    }

    @Test
    void aPlanThatTheHypervisorRefusesIsNeverFiled() {
        ResponseService service = service(POLICY);

        assertThatThrownBy(() -> service.request(new ActionSpec("quarantine", "db01", Map.of("network", "nowhere"),
                null), ALICE)).isInstanceOf(ResponseException.class).hasMessageContaining("no network 'nowhere'");
        assertThat(service.list(Set.of(), 10)).isEmpty();
    }

    @Test
    void releasePutsTheNicsBackOnTheirOriginalNetworks() {
        ResponseService service = service(POLICY);
        service.approve(service.request(new ActionSpec("quarantine", "db01", Map.of(), null), ALICE).id(), BOB, null);

        StoredAction release = service.approve(
                service.request(new ActionSpec("release", "db01", Map.of(), "verified"), BOB).id(), ALICE, null);

        assertThat(release.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(networks()).containsExactly("default", "backup");
    }

    @Test
    void triggersFileRequestsOrActAutomaticallyAsThePolicySays() {
        ResponseService requesting = service(POLICY);
        List<StoredAction> filed = requesting.onAlerts(List.of(dormantAlert()));
        assertThat(filed).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.PENDING);
            assertThat(a.request().requestedBy()).isEqualTo("policy:lifecycle.dormant-vm-returned");
            assertThat(a.request().trigger()).isEqualTo(dormantAlert().key());
        });
        assertThat(lab.executed).isEmpty();

        ResponseService automatic = service(POLICY.replace("mode: request", "mode: automatic"));
        assertThat(automatic.onAlerts(List.of(dormantAlert()))).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(ActionStatus.EXECUTED));
        assertThat(networks()).containsExactly("quarantine", "quarantine");

        ResponseService alertOnly = service(POLICY.replace("mode: request", "mode: alert-only"));
        assertThat(alertOnly.onAlerts(List.of(dormantAlert()))).isEmpty();
    }

    @Test
    void anUnreachableHypervisorRefusesThePlanAndAFailureDuringExecutionIsRecordedNotHidden() {
        ResponseService unreachable = new ResponseService(store, ResponsePolicyLoader.parse("r.yaml", POLICY),
                source -> {
                    throw new org.virtguard.spi.ConnectorException(org.virtguard.model.ErrorCode.SOURCE_UNREACHABLE,
                            source, "cannot reach lab: connection refused");
                }, clock, log::add);
        assertThatThrownBy(() -> unreachable.request(new ActionSpec("quarantine", "db01", Map.of(), null), ALICE))
                .isInstanceOf(ResponseException.class).hasMessageContaining("cannot reach lab");
        assertThat(unreachable.list(Set.of(), 10)).isEmpty();

        ResponseService flaky = service(POLICY);
        long id = flaky.request(new ActionSpec("quarantine", "db01", Map.of(), null), ALICE).id();
        lab.networks.clear();

        StoredAction failed = flaky.approve(id, BOB, null);

        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.outcome()).singleElement().asString().contains("no network 'quarantine'");
        assertThat(lab.executed).isEmpty();
        assertThat(networks()).containsExactly("default", "backup");
        assertThat(store.security().audit().list(0, 1).get(0).record().outcome()).isEqualTo("failure");
    }

    @Test
    void policyFilesAreValidatedBeforeUse() {
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", """
                triggers:
                  - {on: lifecycle.dormant-vm-returned, action: power-off, mode: automatic}
                """)).hasMessageContaining("r.yaml: triggers[0] (on lifecycle.dormant-vm-returned): power-off is "
                + "destructive");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", """
                triggers:
                  - {on: x, action: quarantine, mode: request}
                """)).hasMessageContaining("quarantine needs quarantine.network");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", "quarantine: {netwrok: q}\n"))
                .hasMessageContaining("unknown key 'netwrok' in quarantine");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", "approval: {expiresAfter: soon}\n"))
                .hasMessageContaining("approval.expiresAfter");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", "triggers: [{on: x, action: nuke}]\n"))
                .hasMessageContaining("unknown action 'nuke'");
        ResponsePolicy ok = ResponsePolicyLoader.parse("r.yaml", POLICY + """
                revert: {snapshot: clean}
                redeploy:
                  templates: [{vms: "web*", template: golden-web}]
                """);
        assertThat(ok.approvalWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(ok.templateFor("web01")).contains("golden-web");
        assertThat(ok.templateFor("db01")).isEmpty();
        assertThat(ok.quarantineNetwork("any")).contains("quarantine");
    }

    @Test
    void thePolicyChoosesTheQuarantineMethodAndReleaseUndoesTheQuarantineTheWayItWasDone() {
        ResponseService service = service("""
                quarantine: {network: quarantine, method: nwfilter, filter: vg-drop}
                """);
        StoredAction requested = service.request(new ActionSpec("quarantine", "db01", Map.of(), null), ALICE);
        assertThat(requested.request().plan()).containsExactly("NIC 52:54:00:00:00:01: filter vg-drop",
                "NIC 52:54:00:00:00:02: filter vg-drop");
        assertThat(requested.request().parameters()).containsEntry("method", "nwfilter")
                .containsEntry("filter", "vg-drop").doesNotContainKey("originalNetworks");
        service.approve(requested.id(), BOB, null);
        assertThat(lab.executed).containsExactly(new org.virtguard.spi.VmAction.FilterQuarantine("lab:db01", "vg-drop"));
        assertThat(networks()).containsExactly("default", "backup");

        service.approve(service.request(new ActionSpec("release", "db01", Map.of(), null), BOB).id(), ALICE, null);
        assertThat(lab.executed).last().isEqualTo(new org.virtguard.spi.VmAction.FilterRelease("lab:db01", "vg-drop"));

        service.approve(service.request(new ActionSpec("quarantine", "db01", Map.of("method", "network"), null), ALICE)
                .id(), BOB, null);
        assertThat(networks()).containsExactly("quarantine", "quarantine");
        service.approve(service.request(new ActionSpec("release", "db01", Map.of(), null), BOB).id(), ALICE, null);
        assertThat(lab.executed).last().isInstanceOf(org.virtguard.spi.VmAction.Release.class);
        assertThat(networks()).containsExactly("default", "backup");

        assertThatThrownBy(() -> service.plan(new ActionSpec("quarantine", "db01", Map.of("method", "unplug"), null),
                ALICE)).isInstanceOf(ResponseException.class).hasMessageContaining("unknown quarantine method 'unplug'");
    }

    @Test
    void aTriggerOrASourceCanUseItsOwnQuarantineMethod() {
        ResponseService byTrigger = service("""
                quarantine: {network: quarantine}
                triggers:
                  - {on: lifecycle.dormant-vm-returned, action: quarantine, mode: automatic, method: nwfilter}
                """);
        assertThat(byTrigger.onAlerts(List.of(dormantAlert()))).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(ActionStatus.EXECUTED));
        assertThat(lab.executed).containsExactly(new org.virtguard.spi.VmAction.FilterQuarantine("lab:db01",
                QuarantineMethod.DEFAULT_FILTER));

        ResponsePolicy bySource = ResponsePolicyLoader.parse("r.yaml", """
                quarantine: {method: nwfilter, methods: {vcenter: network}, networks: {vcenter: quarantine-pg}}
                triggers:
                  - {on: x, action: quarantine, mode: request}
                """);
        assertThat(bySource.quarantineMethod("lab")).isEqualTo(QuarantineMethod.NWFILTER);
        assertThat(bySource.quarantineMethod("vcenter")).isEqualTo(QuarantineMethod.NETWORK);
        assertThat(bySource.quarantineFilter()).isEqualTo("virtguard-quarantine");
    }

    @Test
    void quarantineMethodsAreValidatedBeforeUse() {
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", "quarantine: {method: unplug}\n"))
                .hasMessageContaining("r.yaml: quarantine.method: unknown quarantine method 'unplug' (network, nwfilter)");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", "quarantine: {methods: {kvm: cut}}\n"))
                .hasMessageContaining("quarantine.methods.kvm: unknown quarantine method 'cut'");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", "quarantine: {methods: {kvm: network}}\n"))
                .hasMessageContaining("quarantine.methods.kvm: method network needs quarantine.network");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", "quarantine: {method: nwfilter, filter: \"a'b\"}\n"))
                .hasMessageContaining("quarantine.filter: 'a'b' is not a usable nwfilter name");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", """
                quarantine: {network: q}
                triggers: [{on: x, action: power-off, mode: request, method: nwfilter}]
                """)).hasMessageContaining("triggers[0] (on x): method applies to quarantine only, not power-off");
        assertThatThrownBy(() -> ResponsePolicyLoader.parse("r.yaml", """
                quarantine: {method: nwfilter}
                triggers: [{on: x, action: quarantine, mode: request, method: network}]
                """)).hasMessageContaining("quarantine needs quarantine.network");
        ResponsePolicy filterOnly = ResponsePolicyLoader.parse("r.yaml", """
                quarantine: {method: nwfilter}
                triggers: [{on: x, action: quarantine, mode: automatic}]
                """);
        assertThat(filterOnly.triggers()).singleElement().satisfies(t -> assertThat(t.method()).isNull());
        assertThat(filterOnly.quarantineMethod("any")).isEqualTo(QuarantineMethod.NWFILTER);
    }

    private List<String> networks() {
        return store.inventory().findVm("db01").orElseThrow().vm().nics().stream().map(VirtualNic::networkName)
                .toList();
    }

    private static Alert dormantAlert() {
        return new Alert("lifecycle.dormant-vm-returned|lab:db01|" + T0, "lifecycle.dormant-vm-returned",
                Severity.HIGH, "Dormant VM db01 powered on", null,
                new Endpoint(null, null, "lab:db01", "db01", null, null, null, false), T0, T0, 1, Map.of(), List.of());
    }

    private static VirtualNic nic(String vmId, String mac, String network) {
        return new VirtualNic(vmId + "/" + mac, vmId, mac, NicAttachment.NETWORK, network, null, null, null, null,
                "virtio", null, null, Collected.of(List.of()), true);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void trafficAlertsActOnTheVmTheTrafficCameFromAndLifecycleAlertsOnTheirTarget() {
        Endpoint scanner = new Endpoint("172.16.0.8", null, "vm-scanner", "scanner", null, null, null, false);
        Endpoint scanned = new Endpoint("172.16.0.9", null, "vm-victim", "victim", null, null, null, false);
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        Alert scan = new Alert("flow.portscan|172.16.0.8", "flow.portscan", Severity.HIGH, "scan", scanner, scanned,
                t, t, 1, Map.of(), List.of());
        Alert dormant = new Alert("lifecycle.dormant|x", "lifecycle.dormant-vm-returned", Severity.HIGH, "dormant",
                scanner, scanned, t, t, 1, Map.of(), List.of());
        Alert named = new Alert("flow.segmentation|x", "flow.segmentation", Severity.MEDIUM, "flow", scanner,
                scanned, t, t, 1, Map.of("vmId", "vm-named"), List.of());
        Alert fromNowhere = new Alert("flow.portscan|203.0.113.9", "flow.portscan", Severity.HIGH, "scan",
                Endpoint.unattributed("203.0.113.9"), scanned, t, t, 1, Map.of(), List.of());

        assertThat(ResponseService.subjectVm(scan)).isEqualTo("vm-scanner");
        assertThat(ResponseService.subjectVm(dormant)).isEqualTo("vm-victim");
        assertThat(ResponseService.subjectVm(named)).isEqualTo("vm-named");
        assertThat(ResponseService.subjectVm(fromNowhere)).as("a scan from outside names no VM to quarantine")
                .isNull();
    }
}
