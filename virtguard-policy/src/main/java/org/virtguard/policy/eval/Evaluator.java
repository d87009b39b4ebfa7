package org.virtguard.policy.eval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Platform;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.policy.cel.RuleVariables;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.check.ResourceType;
import org.virtguard.policy.view.Views;
import org.virtguard.policy.zones.ZonePolicy;

/**
 * Evaluates every check on every resource of its type. Views are built once per resource and shared by all
 * checks; checks are compiled once. Resources are evaluated in parallel. A crashing check gives ERROR for
 * that resource, never silence.
 */
public final class Evaluator {

    private static final CheckStatus[] STATUSES = CheckStatus.values();

    private final List<CompiledCheck> checks;
    private final ZonePolicy policy;
    private final List<PolicyException> exceptions;
    private final Map<String, Map<String, Object>> params;
    private final Clock clock;
    private final Map<String, Object> policyView;
    private final boolean zonesDefined;
    private final Map<ResourceType, int[]> checksByType = new java.util.EnumMap<>(ResourceType.class);

    /**
     * @param parameterOverrides per check id, parameter values replacing the check's defaults
     */
    public Evaluator(List<CompiledCheck> checks, ZonePolicy policy, List<PolicyException> exceptions,
                     Map<String, Map<String, Object>> parameterOverrides, Clock clock) {
        this.checks = List.copyOf(checks);
        this.policy = policy == null ? ZonePolicy.empty() : policy;
        this.exceptions = List.copyOf(exceptions);
        this.clock = clock;
        this.params = new HashMap<>();
        for (CompiledCheck c : checks) {
            Map<String, Object> p = new HashMap<>(c.definition().parameters());
            p.putAll(parameterOverrides.getOrDefault(c.id(), Map.of()));
            params.put(c.id(), Map.copyOf(p));
        }
        this.policyView = this.policy.view();
        this.zonesDefined = this.policy.isDefined();
        for (ResourceType type : ResourceType.values()) {
            checksByType.put(type, IntStream.range(0, this.checks.size())
                    .filter(i -> this.checks.get(i).definition().resourceType() == type).toArray());
        }
    }

    /** Evaluates, keeping the findings whose status {@code keep} accepts. */
    public ScanResult evaluate(Inventory inventory, Predicate<CheckStatus> keep) {
        Instant start = clock.instant();
        Long now = start.getEpochSecond();
        Index index = new Index(inventory);
        AtomicLongArray counts = new AtomicLongArray(checks.size() * STATUSES.length);
        List<Subject> subjects = subjects(index);
        List<Finding> findings = IntStream.range(0, subjects.size()).parallel()
                .mapToObj(i -> evaluate(subjects.get(i), now, start, counts, keep))
                .flatMap(List::stream)
                .toList();
        Map<String, Map<CheckStatus, Long>> byCheck = new LinkedHashMap<>();
        long total = 0;
        for (int c = 0; c < checks.size(); c++) {
            Map<CheckStatus, Long> m = new EnumMap<>(CheckStatus.class);
            for (CheckStatus s : STATUSES) {
                long n = counts.get(c * STATUSES.length + s.ordinal());
                if (n > 0) {
                    m.put(s, n);
                    total += n;
                }
            }
            byCheck.put(checks.get(c).id(), m);
        }
        return new ScanResult(start, Duration.between(start, clock.instant()), findings, byCheck, total, checks);
    }

    /** One resource with the variables its checks see. */
    private record Subject(ResourceType type, ResourceRef ref, String platform, RuleVariables variables) {
    }

    private List<Finding> evaluate(Subject s, Long now, Instant at, AtomicLongArray counts,
                                   Predicate<CheckStatus> keep) {
        List<Finding> out = null;
        RuleVariables vars = s.variables().copy();
        vars.put("now", now);
        vars.put("policy", policyView);
        dev.cel.runtime.CelVariableResolver resolver = name -> java.util.Optional.ofNullable(vars.get(name));
        for (int c : checksByType.get(s.type())) {
            CompiledCheck check = checks.get(c);
            CheckDefinition d = check.definition();
            RuleVerdict verdict;
            if (!check.appliesToPlatform(s.platform())) {
                verdict = RuleVerdict.NOT_APPLICABLE;
            } else if (d.requiresZonePolicy() && !zonesDefined) {
                verdict = RuleVerdict.notApplicable("no zone policy configured");
            } else {
                vars.put("params", params.get(d.id()));
                verdict = check.evaluate(vars, resolver);
            }
            CheckStatus status = verdict.status();
            PolicyException waiver = null;
            if (status == CheckStatus.FAIL) {
                waiver = waiverFor(d.id(), s.ref(), at);
                if (waiver != null) {
                    status = CheckStatus.EXCEPTED;
                }
            }
            counts.incrementAndGet(c * STATUSES.length + status.ordinal());
            if (!keep.test(status)) {
                continue;
            }
            if (out == null) {
                out = new ArrayList<>();
            }
            out.add(finding(check, s, vars, verdict, status, waiver, at));
        }
        return out == null ? List.of() : out;
    }

    private Finding finding(CompiledCheck check, Subject s, Map<String, Object> vars, RuleVerdict verdict,
                            CheckStatus status, PolicyException waiver, Instant at) {
        CheckDefinition d = check.definition();
        Map<String, String> evidence = new LinkedHashMap<>();
        if (status == CheckStatus.FAIL || status == CheckStatus.EXCEPTED) {
            evidence.putAll(check.evidence(vars));
        }
        if (verdict.detail() != null) {
            evidence.put("detail", verdict.detail());
        }
        if (status == CheckStatus.NOT_COLLECTED) {
            Unavailable.Explanation why = verdict.unavailable() != null ? verdict.unavailable()
                    : Unavailable.explain(null, vars);
            evidence.put(Unavailable.MISSING, why.what());
            evidence.put(Unavailable.COLLECT, why.reason());
        }
        if (waiver != null) {
            evidence.put("exception.justification", waiver.justification());
            evidence.put("exception.owner", waiver.owner());
            evidence.put("exception.expires", waiver.expires().toString());
        }
        String message = switch (status) {
            case FAIL -> d.title();
            case EXCEPTED -> d.title() + " (accepted until " + waiver.expires() + " by " + waiver.owner() + ")";
            case NOT_COLLECTED -> "cannot tell: " + (verdict.detail() == null ? "a value this check reads was not collected"
                    : verdict.detail());
            case ERROR -> "cannot tell: " + (verdict.detail() == null ? CompiledCheck.ERROR_TEXT : verdict.detail());
            case NOT_APPLICABLE -> "not applicable" + (verdict.detail() == null ? "" : ": " + verdict.detail());
            case PASS -> "compliant";
        };
        return new Finding(d.id(), s.ref(), status, d.severity(), d.title(), message, evidence, check.frameworkIds(), at);
    }

    private PolicyException waiverFor(String checkId, ResourceRef ref, Instant at) {
        for (PolicyException e : exceptions) {
            if (e.covers(checkId, ref, at)) {
                return e;
            }
        }
        return null;
    }

    private List<Subject> subjects(Index ix) {
        List<Subject> out = new ArrayList<>();
        for (Host h : ix.inventory.hosts()) {
            RuleVariables vars = new RuleVariables();
            vars.put("host", ix.hostViews.get(h.id()));
            vars.put("vms", ix.vmViewsByHost.getOrDefault(h.id(), List.of()));
            out.add(new Subject(ResourceType.HOST, new ResourceRef(ObjectType.HOST, h.id(), h.name()),
                    platform(h.platform()), vars));
        }
        for (Network n : ix.inventory.networks()) {
            RuleVariables vars = new RuleVariables();
            vars.put("network", ix.networkViews.get(n.id()));
            vars.put("host", n.hostId() == null ? Map.of() : ix.hostViews.getOrDefault(n.hostId(), Map.of()));
            vars.put("vms", ix.vmViewsByNetwork.getOrDefault(n.id(), List.of()));
            Object zone = ((Map<?, ?>) ix.networkViews.get(n.id())).get("zone");
            vars.put("zone", zone == null ? Map.of() : zone);
            out.add(new Subject(ResourceType.NETWORK, new ResourceRef(ObjectType.NETWORK, n.id(), n.name()),
                    networkPlatform(n), vars));
        }
        for (VirtualMachine vm : ix.inventory.vms()) {
            Host host = vm.hostId() == null ? null : ix.hosts.get(vm.hostId());
            String platform = host == null ? null : platform(host.platform());
            Map<String, Object> hostView = host == null ? Map.of() : ix.hostViews.get(host.id());
            Map<String, Object> vmView = ix.vmViews.get(vm);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> nicViews = (List<Map<String, Object>>) vmView.get("nics");
            List<Object> networks = new ArrayList<>();
            List<Object> zones = new ArrayList<>();
            for (int i = 0; i < vm.nics().size(); i++) {
                VirtualNic nic = vm.nics().get(i);
                Network net = ix.networkOf(vm, nic);
                Map<String, Object> netView = net == null ? Map.of() : ix.networkViews.get(net.id());
                if (net != null && !containsSame(networks, netView)) {
                    networks.add(netView);
                }
                Object zone = nicViews.get(i).get("zone");
                if (zone != null && !containsSame(zones, zone)) {
                    zones.add(zone);
                }
                RuleVariables nv = new RuleVariables();
                nv.put("nic", nicViews.get(i));
                nv.put("vm", vmView);
                nv.put("host", hostView);
                nv.put("network", netView);
                nv.put("zone", zone == null ? Map.of() : zone);
                String name = vm.name() + "/" + (nic.mac() != null ? nic.mac() : "nic" + i);
                out.add(new Subject(ResourceType.VNIC, new ResourceRef(ObjectType.NIC, nic.id(), name), platform, nv));
            }
            RuleVariables vars = new RuleVariables();
            vars.put("vm", vmView);
            vars.put("host", hostView);
            vars.put("nics", nicViews);
            vars.put("networks", networks);
            vars.put("zones", zones);
            out.add(new Subject(ResourceType.VM, new ResourceRef(ObjectType.VM, vm.id(), vm.name()), platform, vars));
        }
        return out;
    }

    private static boolean containsSame(List<Object> list, Object item) {
        for (Object o : list) {
            if (o == item) {
                return true;
            }
        }
        return false;
    }

    static String platform(Platform p) {
        return switch (p) {
            case VSPHERE -> "vsphere";
            case LIBVIRT -> "libvirt";
            default -> p.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String networkPlatform(Network n) {
        return n.kind() == NetworkKind.LIBVIRT_NETWORK || n.kind() == NetworkKind.LINUX_BRIDGE ? "libvirt" : "vsphere";
    }

    /** Lookups and views of one inventory. */
    private final class Index {
        final Inventory inventory;
        final Map<String, Host> hosts = new HashMap<>();
        final Map<String, Network> networksByHostAndName = new HashMap<>();
        final Map<String, Network> sharedNetworksByName = new HashMap<>();
        final Map<String, Map<String, Object>> hostViews = new HashMap<>();
        final Map<String, Map<String, Object>> networkViews = new HashMap<>();
        /** By record, not id: two VMs reported with one id must still each see their own NICs. */
        final Map<VirtualMachine, Map<String, Object>> vmViews = new java.util.IdentityHashMap<>();
        final Map<String, List<Object>> vmViewsByHost = new HashMap<>();
        final Map<String, List<Object>> vmViewsByNetwork = new HashMap<>();

        Index(Inventory inventory) {
            this.inventory = inventory;
            for (Host h : inventory.hosts()) {
                hosts.put(h.id(), h);
                hostViews.put(h.id(), Views.host(h, policy.hostFacts(h)));
            }
            for (Network n : inventory.networks()) {
                if (n.hostId() == null) {
                    sharedNetworksByName.putIfAbsent(n.name(), n);
                } else {
                    networksByHostAndName.putIfAbsent(n.hostId() + "\u0000" + n.name(), n);
                }
                List<Integer> vlanIds = n.vlan().get().map(v -> v.ids()).orElse(List.of());
                networkViews.put(n.id(), Views.network(n, policy.zoneOfNetwork(n.name(), vlanIds).orElse(null)));
            }
            for (VirtualMachine vm : inventory.vms()) {
                List<Map<String, Object>> nicViews = new ArrayList<>(vm.nics().size());
                for (VirtualNic nic : vm.nics()) {
                    TrustZone zone = policy.zoneOf(vm, nic).orElse(null);
                    nicViews.add(Views.nic(nic, zone));
                }
                Map<String, Object> view = Views.vm(vm, nicViews, policy.vmFacts(vm));
                vmViews.put(vm, view);
                if (vm.hostId() != null) {
                    vmViewsByHost.computeIfAbsent(vm.hostId(), k -> new ArrayList<>()).add(view);
                }
                for (VirtualNic nic : vm.nics()) {
                    Network net = networkOf(vm, nic);
                    if (net != null) {
                        List<Object> list = vmViewsByNetwork.computeIfAbsent(net.id(), k -> new ArrayList<>());
                        if (!containsSame(list, view)) {
                            list.add(view);
                        }
                    }
                }
            }
        }

        Network networkOf(VirtualMachine vm, VirtualNic nic) {
            if (nic.networkName() == null) {
                return null;
            }
            Network n = vm.hostId() == null ? null : networksByHostAndName.get(vm.hostId() + "\u0000" + nic.networkName());
            return n != null ? n : sharedNetworksByName.get(nic.networkName());
        }
    }
}
