package org.virtguard.response;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.model.Alert;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;
import org.virtguard.store.AmbiguousNameException;
import org.virtguard.store.Store;
import org.virtguard.store.StoredVm;
import org.virtguard.store.response.ActionRequest;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.ResponseRepository;
import org.virtguard.store.response.StoredAction;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.TwoPersonRule;
import org.virtguard.store.security.UserRepository;

/**
 * Guarded response: every action is first a dry-run plan from the VM's own hypervisor, then a request, and
 * runs only once a second admin approves it before it expires (the requester can never approve their own
 * request, nor can an account the requester created or controls: {@link TwoPersonRule}). The response policy may run non-destructive actions automatically on chosen alerts. Every plan,
 * request, decision and execution is written to the audit log; a rejected or expired request changes nothing.
 */
public final class ResponseService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RETIRED_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String ORIGINAL_NETWORKS = "originalNetworks";
    private static final String METHOD = "method";

    private final Store store;
    private final ResponseRepository actions;
    private final ResponsePolicy policy;
    private final ActuatorDirectory actuators;
    private final Clock clock;
    private final Consumer<String> log;

    public ResponseService(Store store, ResponsePolicy policy, ActuatorDirectory actuators, Clock clock,
                           Consumer<String> log) {
        this.store = Objects.requireNonNull(store, "store");
        this.actions = store.responses();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.actuators = Objects.requireNonNull(actuators, "actuators");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    public ResponsePolicy policy() {
        return policy;
    }

    /** The dry run: resolves the action and asks the hypervisor what it would do. Changes nothing. */
    public PlannedAction plan(ActionSpec spec, Actor actor) {
        StoredVm vm = vm(spec.vm());
        VmAction action = resolve(ActionKind.parse(spec.kind()), vm, spec.options());
        List<String> steps = dryRun(vm, action);
        audit(actor, "response.plan", target(vm, action, 0), "success", String.join("; ", steps));
        return new PlannedAction(vm, action, steps);
    }

    /** Plans the action and files it for approval by a second admin. */
    public StoredAction request(ActionSpec spec, Actor actor) {
        PlannedAction planned = plan(spec, actor);
        long id = file(planned, null, spec.reason(), actor);
        StoredAction stored = actions.find(id).orElseThrow();
        audit(actor, "response.request", target(planned.vm(), planned.action(), id), "success",
                (spec.reason() == null ? "" : "reason: " + spec.reason() + "; ") + "expires "
                        + stored.request().expiresAt());
        return stored;
    }

    /**
     * Approves a pending request and carries it out. Refused when the approver is not an admin, or may not approve
     * this request under the {@link TwoPersonRule} (they asked for it, their account did not exist before the request,
     * or one of the two accounts was created or last changed by the other), or the request is no longer pending; an
     * overdue request is marked expired instead and nothing runs. A refusal is audited here, once.
     */
    public StoredAction approve(long id, Actor approver, String note) {
        StoredAction action = pending(id);
        if (!approver.admin()) {
            audit(approver, "response.approve", "action #" + id, "denied", "approver is not an admin");
            throw new ResponseException(ResponseException.Reason.FORBIDDEN, "only an admin may approve action #" + id,
                    true);
        }
        String requestedBy = action.request().requestedBy();
        if (approver.name().equalsIgnoreCase(requestedBy)) {
            audit(approver, "response.approve", "action #" + id, "denied", "two-person rule: requester cannot approve");
            throw new ResponseException(ResponseException.Reason.FORBIDDEN, "action #" + id + " was requested by "
                    + approver.name() + "; a second admin must approve it (two-person rule)", true);
        }
        UserRepository users = store.security().users();
        Optional<String> refusal = TwoPersonRule.refusal(users.provenance(approver.name()).orElse(null), requestedBy,
                users.provenance(requestedBy), action.request().requestedAt());
        if (refusal.isPresent()) {
            audit(approver, "response.approve", target(action), "denied", refusal.get());
            throw new ResponseException(ResponseException.Reason.FORBIDDEN, "action #" + id + ": " + refusal.get(),
                    true);
        }
        Instant now = clock.instant();
        if (now.isAfter(action.request().expiresAt())) {
            expire(action, now);
            throw new ResponseException(ResponseException.Reason.CONFLICT, "action #" + id + " expired at "
                    + action.request().expiresAt() + " without approval; nothing was changed");
        }
        if (!actions.decide(id, ActionStatus.PENDING, ActionStatus.EXECUTING, approver.name(), note, now)) {
            throw new ResponseException(ResponseException.Reason.CONFLICT, "action #" + id + " was decided meanwhile");
        }
        audit(approver, "response.approve", target(action), "success", note == null ? "" : note);
        return execute(action, approver);
    }

    /** Rejects a pending request; nothing is changed on the hypervisor. */
    public StoredAction reject(long id, Actor actor, String note) {
        StoredAction action = pending(id);
        boolean requester = actor.name().equalsIgnoreCase(action.request().requestedBy());
        if (!actor.admin() && !requester) {
            throw new ResponseException(ResponseException.Reason.FORBIDDEN, "only an admin or the requester may "
                    + "reject action #" + id);
        }
        ActionStatus to = requester ? ActionStatus.CANCELLED : ActionStatus.REJECTED;
        if (!actions.decide(id, ActionStatus.PENDING, to, actor.name(), note, clock.instant())) {
            throw new ResponseException(ResponseException.Reason.CONFLICT, "action #" + id + " was decided meanwhile");
        }
        audit(actor, requester ? "response.cancel" : "response.reject", target(action), "success",
                note == null ? "" : note);
        return actions.find(id).orElseThrow();
    }

    /** Marks every overdue pending request expired; returns how many. */
    public int expireOverdue() {
        Instant now = clock.instant();
        int n = 0;
        for (StoredAction a : actions.overdue(now)) {
            if (expire(a, now)) {
                n++;
            }
        }
        return n;
    }

    public Optional<StoredAction> find(long id) {
        return actions.find(id);
    }

    public List<StoredAction> list(Set<ActionStatus> statuses, int limit) {
        return actions.list(statuses, limit);
    }

    /**
     * Applies the policy's triggers to freshly raised alerts: files requests, or runs non-destructive actions
     * at once where the policy says {@code automatic}. A trigger that cannot be planned is logged and filed
     * with the reason, so an admin still sees it.
     */
    public List<StoredAction> onAlerts(List<Alert> alerts) {
        List<StoredAction> out = new ArrayList<>();
        for (Alert alert : alerts) {
            for (Trigger trigger : policy.triggersFor(alert.kind())) {
                if (trigger.mode() == TriggerMode.ALERT_ONLY) {
                    continue;
                }
                triggered(alert, trigger).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<StoredAction> triggered(Alert alert, Trigger trigger) {
        String vmId = subjectVm(alert);
        if (vmId == null) {
            log.accept("response trigger " + trigger.action() + " on " + alert.kind() + ": the alert names no VM");
            return Optional.empty();
        }
        Actor actor = Actor.policy(alert.kind());
        try {
            StoredVm vm = vm(vmId);
            VmAction action = resolve(ActionKind.parse(trigger.action()), vm, trigger.method() == null ? Map.of()
                    : Map.of(METHOD, trigger.method().id()));
            List<String> steps;
            try {
                steps = dryRun(vm, action);
            } catch (ResponseException e) {
                steps = List.of("dry run failed: " + e.getMessage() + " (re-checked at approval)");
            }
            PlannedAction planned = new PlannedAction(vm, action, steps);
            long id = file(planned, alert.key(), alert.title(), actor);
            StoredAction stored = actions.find(id).orElseThrow();
            audit(actor, "response.request", target(vm, action, id), "success", "trigger " + alert.kind()
                    + " (" + trigger.mode().fileName() + "); " + String.join("; ", steps));
            if (trigger.mode() == TriggerMode.AUTOMATIC && !action.destructive()) {
                if (actions.decide(id, ActionStatus.PENDING, ActionStatus.EXECUTING, actor.name(),
                        "automatic per response policy " + policy.origin(), clock.instant())) {
                    return Optional.of(execute(stored, actor));
                }
            }
            log.accept("response: " + action.kind() + " of " + vm.vm().name() + " awaits approval (action #" + id
                    + ", expires " + stored.request().expiresAt() + ")");
            return Optional.of(stored);
        } catch (ResponseException e) {
            log.accept("response trigger " + trigger.action() + " on " + alert.kind() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The VM an alert's response acts on: the one it names in its {@code vmId} attribute, else for traffic alerts
     * ({@code flow.*}: a scan, a sweep, a fan-out, a forbidden flow) the VM the traffic came from, else the target
     * VM (a dormant VM returning, a migration).
     */
    static String subjectVm(Alert alert) {
        String named = alert.attributes().get("vmId");
        if (named != null) {
            return named;
        }
        if (alert.kind().startsWith("flow.")) {
            return alert.source() != null ? alert.source().vmId() : null;
        }
        return alert.target() != null ? alert.target().vmId() : null;
    }

    private StoredAction execute(StoredAction action, Actor actor) {
        ActionRequest r = action.request();
        VmAction vmAction = ActionCodec.action(r.kind(), r.vmId(), r.parameters());
        try {
            VmActuator actuator = actuator(r.sourceId());
            VmActuator.Outcome outcome = actuator.execute(vmAction);
            Instant done = clock.instant();
            outcome.vmAfter().ifPresent(vm -> store.inventory().applyVm(r.sourceId(), vm.id(), Optional.of(vm), done));
            actions.finish(action.id(), true, outcome.steps(), done);
            audit(actor, "response.execute", target(action), "success", String.join("; ", outcome.steps()));
            log.accept("response: " + r.kind() + " of " + r.vmName() + " done (action #" + action.id() + ")");
        } catch (ConnectorException | RuntimeException e) {
            Instant now = clock.instant();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            actions.finish(action.id(), false, List.of(message), now);
            audit(actor, "response.execute", target(action), "failure", message);
            log.accept("response: " + r.kind() + " of " + r.vmName() + " failed (action #" + action.id() + "): "
                    + message);
        }
        return actions.find(action.id()).orElseThrow();
    }

    private long file(PlannedAction planned, String trigger, String reason, Actor actor) {
        Instant now = clock.instant();
        Map<String, String> parameters = new LinkedHashMap<>(ActionCodec.parameters(planned.action()));
        if (planned.action() instanceof VmAction.Quarantine) {
            parameters.put(ORIGINAL_NETWORKS, write(networksByMac(planned.vm().vm())));
        }
        return actions.create(new ActionRequest(planned.action().kind(), planned.vm().vm().id(),
                planned.vm().vm().name(), planned.vm().sourceId(), parameters, planned.action().destructive(),
                planned.steps(), trigger, reason, actor.name(), now, now.plus(policy.approvalWindow())));
    }

    private boolean expire(StoredAction action, Instant now) {
        if (!actions.decide(action.id(), ActionStatus.PENDING, ActionStatus.EXPIRED, "system",
                "not approved within " + policy.approvalWindow(), now)) {
            return false;
        }
        audit(new Actor("system", false, "service"), "response.expire", target(action), "success",
                "not approved by " + action.request().expiresAt());
        return true;
    }

    private StoredAction pending(long id) {
        StoredAction action = actions.find(id).orElseThrow(() -> new ResponseException(
                ResponseException.Reason.NOT_FOUND, "no response action #" + id));
        if (action.status() != ActionStatus.PENDING) {
            throw new ResponseException(ResponseException.Reason.CONFLICT, "action #" + id + " is "
                    + action.status().name().toLowerCase(Locale.ROOT) + ", not pending");
        }
        return action;
    }

    private StoredVm vm(String idOrName) {
        try {
            return store.inventory().findVm(idOrName).orElseThrow(() -> new ResponseException(
                    ResponseException.Reason.NOT_FOUND, "no VM '" + idOrName + "' in the inventory"));
        } catch (AmbiguousNameException e) {
            throw new ResponseException(ResponseException.Reason.INVALID, e.getMessage());
        }
    }

    private VmAction resolve(ActionKind kind, StoredVm stored, Map<String, String> options) {
        VirtualMachine vm = stored.vm();
        return switch (kind) {
            case QUARANTINE -> quarantineMethod(options, stored.sourceId()) == QuarantineMethod.NWFILTER
                    ? new VmAction.FilterQuarantine(vm.id(), policy.quarantineFilter())
                    : new VmAction.Quarantine(vm.id(), option(options, "network")
                    .or(() -> policy.quarantineNetwork(stored.sourceId()))
                    .orElseThrow(() -> invalid("no quarantine network for source " + stored.sourceId()
                            + ": give one, or set quarantine.network in the response policy")));
            case RELEASE -> release(vm);
            case POWER_OFF -> new VmAction.PowerOff(vm.id());
            case REVERT_SNAPSHOT -> new VmAction.RevertToSnapshot(vm.id(), option(options, "snapshot")
                    .or(() -> Optional.ofNullable(policy.revertSnapshot()))
                    .orElseThrow(() -> invalid("no snapshot named: give one, or set revert.snapshot in the "
                            + "response policy")));
            case REDEPLOY -> new VmAction.Redeploy(vm.id(), option(options, "template")
                    .or(() -> policy.templateFor(vm.name()))
                    .orElseThrow(() -> invalid("no golden template for " + vm.name() + ": give one, or add it "
                            + "under redeploy.templates in the response policy")),
                    vm.nics().stream().map(VirtualNic::networkName).map(n -> n == null ? "" : n).toList(),
                    vm.name() + "-replaced-" + RETIRED_SUFFIX.format(clock.instant()));
        };
    }

    /** The method of a quarantine: the one asked for, else the policy's for the source. */
    private QuarantineMethod quarantineMethod(Map<String, String> options, String sourceId) {
        Optional<String> asked = option(options, METHOD);
        if (asked.isEmpty()) {
            return policy.quarantineMethod(sourceId);
        }
        try {
            return QuarantineMethod.parse(asked.get());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * Undoes the VM's latest executed quarantine the way it was done: by nwfilter, the VM's vNICs get their previous
     * filters back (the hypervisor kept them); by network, they return to the networks recorded with the request.
     */
    private VmAction release(VirtualMachine vm) {
        for (StoredAction a : actions.list(Set.of(ActionStatus.EXECUTED), 10_000)) {
            if (a.request().vmId().equals(vm.id()) && a.request().kind().equals(ActionKind.QUARANTINE.id())
                    && ActionCodec.byFilter(a.request().parameters())) {
                return new VmAction.FilterRelease(vm.id(), ActionCodec.filter(a.request().parameters()));
            }
            if (a.request().vmId().equals(vm.id()) && a.request().kind().equals(ActionKind.QUARANTINE.id())
                    && a.request().parameters().containsKey(ORIGINAL_NETWORKS)) {
                return new VmAction.Release(vm.id(), lastQuarantineNetworks(vm));
            }
        }
        throw invalid(vm.name() + " has no executed quarantine to release");
    }

    private Map<String, String> lastQuarantineNetworks(VirtualMachine vm) {
        for (StoredAction a : actions.list(Set.of(ActionStatus.EXECUTED), 10_000)) {
            if (a.request().vmId().equals(vm.id()) && a.request().kind().equals(ActionKind.QUARANTINE.id())) {
                String original = a.request().parameters().get(ORIGINAL_NETWORKS);
                if (original != null) {
                    try {
                        return JSON.readValue(original, new TypeReference<Map<String, String>>() { });
                    } catch (JsonProcessingException e) {
                        throw invalid("the quarantine of " + vm.name() + " (action #" + a.id()
                                + ") recorded no readable original networks");
                    }
                }
            }
        }
        throw invalid(vm.name() + " has no executed quarantine to release");
    }

    private List<String> dryRun(StoredVm vm, VmAction action) {
        try {
            return actuator(vm.sourceId()).plan(action).steps();
        } catch (ConnectorException e) {
            throw new ResponseException(e.code() == org.virtguard.model.ErrorCode.NOT_FOUND
                    ? ResponseException.Reason.INVALID : ResponseException.Reason.UNAVAILABLE, e.getMessage());
        }
    }

    private VmActuator actuator(String sourceId) throws ConnectorException {
        return actuators.forSource(sourceId).orElseThrow(() -> new ResponseException(
                ResponseException.Reason.UNAVAILABLE, "source " + sourceId + " cannot act on VMs (it is an import "
                + "or not configured here)"));
    }

    private static Map<String, String> networksByMac(VirtualMachine vm) {
        Map<String, String> m = new LinkedHashMap<>();
        for (VirtualNic nic : vm.nics()) {
            if (nic.mac() != null && nic.networkName() != null) {
                m.put(nic.mac(), nic.networkName());
            }
        }
        return m;
    }

    private void audit(Actor actor, String action, String target, String outcome, String detail) {
        store.security().audit().append(new AuditRecord(actor.name(), action, target, outcome,
                actor.remoteAddress(), detail), clock.instant());
    }

    private static String target(StoredVm vm, VmAction action, long id) {
        return (id > 0 ? "action #" + id + " " : "") + action.kind() + " vm " + vm.vm().name() + " (" + vm.vm().id()
                + ")";
    }

    private static String target(StoredAction a) {
        return "action #" + a.id() + " " + a.request().kind() + " vm " + a.request().vmName() + " ("
                + a.request().vmId() + ")";
    }

    private static Optional<String> option(Map<String, String> options, String key) {
        return Optional.ofNullable(options.get(key)).filter(v -> !v.isBlank());
    }

    private static ResponseException invalid(String message) {
        return new ResponseException(ResponseException.Reason.INVALID, message);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
