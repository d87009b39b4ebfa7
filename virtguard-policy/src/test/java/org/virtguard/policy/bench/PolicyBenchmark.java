package org.virtguard.policy.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Collected;
import org.virtguard.model.Console;
import org.virtguard.model.ConsoleListen;
import org.virtguard.model.ConsoleType;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.Setting;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualDevice;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.VlanConfig;
import org.virtguard.policy.cel.RuleVariables;
import org.virtguard.policy.check.JavaRule;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.eval.RuleVerdict;
import org.virtguard.policy.eval.ScanResult;
import org.virtguard.policy.view.Views;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;

/**
 * Full evaluation of the built-in pack on a generated inventory (100,000 VMs, 2,000 hosts, 5,000 port groups),
 * and CEL against hand-written Java for five representative checks, per scan pass and in steady state. Run by hand:
 * {@code java -Xmx2g -cp ... org.virtguard.policy.bench.PolicyBenchmark [rounds] [compare [check-id,...]]}
 * ({@code compare} skips the full evaluation; the ids pick comparison rows).
 */
public final class PolicyBenchmark {

    private static final int HOSTS = 2_000;
    private static final int VMS = 100_000;
    private static final int PORT_GROUPS = 5_000;

    /** The comparison rows to run (by check id), null for all. */
    private static Set<String> only;

    private PolicyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        boolean compareOnly = args.length > 1 && args[1].equals("compare");
        only = args.length > 2 ? Set.of(args[2].split(",")) : null;
        ZonePolicy zones = ZonePolicyLoader.parse("bench-zones", """
                zones:
                  - {name: mgmt, trust: 90, management: true, match: {networks: ["mgmt*"]}}
                  - {name: internal, trust: 50, match: {networks: ["pg-int-*", default]}}
                  - {name: dmz, trust: 10, match: {networks: ["pg-dmz-*", dmz]}}
                classifications:
                  - {name: confidential, match: {labels: {classification: confidential}}, allowedZones: [internal], minHostTrust: 50}
                hosts:
                  - {match: {names: ["esx-*"]}, trust: 50, site: dc1}
                  - {match: {names: ["kvm-*"]}, trust: 50, site: dc2}
                antiAffinity:
                  - {name: web, members: ["vm-1", "vm-2", "vm-3"]}
                """);
        Inventory inv = generate();
        CheckCatalog catalog = CheckCatalog.builtIn();
        System.out.printf("inventory: %d hosts, %d VMs, %d networks; %d checks; %d cores; max heap %d MB%n",
                inv.hosts().size(), inv.vms().size(), inv.networks().size(), catalog.size(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Evaluator evaluator = new Evaluator(catalog.checks(), zones, List.of(), Map.of(), Clock.systemUTC());
        Predicate<CheckStatus> keep = s -> s == CheckStatus.FAIL || s == CheckStatus.ERROR;
        for (int r = 0; r <= (compareOnly ? -1 : rounds); r++) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            ScanResult result = evaluator.evaluate(inv, keep);
            long ns = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            System.out.printf("%s full evaluation: %.2f s wall, %.2f s CPU (all threads, GC included), %d evaluations, "
                            + "%.0f evaluations/s, %d findings kept, ERROR %d, NOT_COLLECTED %d%n",
                    r == 0 ? "warm-up" : "round " + r, ns / 1e9, cpu / 1e9,
                    result.evaluations(), result.evaluations() / (ns / 1e9), result.findings().size(),
                    result.total(CheckStatus.ERROR), result.total(CheckStatus.NOT_COLLECTED));
        }
        compare(catalog, zones, inv);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CEL rule evaluation against hand-written Java on the same resources, rule only (views prebuilt). */
    private static void compare(CheckCatalog catalog, ZonePolicy zones, Inventory inv) {
        Map<String, Host> hosts = new HashMap<>();
        inv.hosts().forEach(h -> hosts.put(h.id(), h));
        List<Resource> vmVars = new ArrayList<>();
        for (VirtualMachine vm : inv.vms()) {
            List<Map<String, Object>> nics = new ArrayList<>();
            for (VirtualNic n : vm.nics()) {
                nics.add(Views.nic(n, zones.zoneOf(vm, n).orElse(null)));
            }
            RuleVariables vars = new RuleVariables();
            vars.put("vm", Views.vm(vm, nics));
            vars.put("nics", nics);
            vars.put("host", Map.of());
            vars.put("networks", List.of());
            vars.put("zones", List.of());
            vars.put("policy", zones.view());
            vars.put("now", Instant.now().getEpochSecond());
            vars.put("params", Map.of());
            Host host = hosts.get(vm.hostId());
            vmVars.add(new Resource(host.platform() == Platform.VSPHERE ? "vsphere" : "libvirt", vars));
        }
        List<Resource> hostVars = new ArrayList<>();
        for (Host h : inv.hosts()) {
            hostVars.add(new Resource(h.platform() == Platform.VSPHERE ? "vsphere" : "libvirt", variables(Map.of(
                    "host", Views.host(h), "vms", List.of(), "params", Map.of(), "policy", Map.of(), "now", 0L))));
        }
        List<Resource> netVars = new ArrayList<>();
        for (Network n : inv.networks()) {
            netVars.add(new Resource(n.kind() == NetworkKind.LIBVIRT_NETWORK || n.kind() == NetworkKind.LINUX_BRIDGE
                    ? "libvirt" : "vsphere", variables(Map.of("network", Views.network(n), "host", Map.of(),
                    "vms", List.of(), "zone", Map.of(), "params", Map.of(), "policy", Map.of(), "now", 0L))));
        }
        // The model records the Java side reads were made at the start and have been compacted by the collections
        // of the full evaluation; the views made just now sit in the young generation between the garbage of their
        // making, two to three times slower to walk. Compact them too, so that both sides read long-lived data.
        System.gc();
        Map<String, Set<String>> zonesOfVm = new HashMap<>();
        row(catalog, "libvirt-console-open-no-password", vmVars, ViewRules::consoleOpenNoPassword, () -> {
            int fails = 0;
            for (VirtualMachine vm : inv.vms()) {
                for (Console c : vm.consoles()) {
                    Collected<Boolean> beyond = c.reachableBeyondLoopback();
                    if (beyond.isCollected() && Boolean.TRUE.equals(beyond.value())
                            && !(c.passwordSet().isCollected() && Boolean.TRUE.equals(c.passwordSet().value()))) {
                        fails++;
                        break;
                    }
                }
            }
            return fails;
        });
        row(catalog, "esxi-ssh-running", hostVars, ViewRules::sshRunning, () -> {
            int fails = 0;
            for (Host h : inv.hosts()) {
                if (h.platform() == Platform.VSPHERE && h.setting("service.TSM-SSH.running").asBoolean().orElse(false)) {
                    fails++;
                }
            }
            return fails;
        });
        row(catalog, "vm-copy-enabled", vmVars, ViewRules::copyEnabled, () -> {
            int fails = 0;
            for (VirtualMachine vm : inv.vms()) {
                Setting s = vm.settings().get("isolation.tools.copy.disable");
                if (s != null && s.isCollected() && !s.asBoolean().orElse(true)) {
                    fails++;
                }
            }
            return fails;
        });
        row(catalog, "pg-promiscuous-mode", netVars, ViewRules::promiscuous, () -> {
            int fails = 0;
            for (Network n : inv.networks()) {
                // As the rule: standard port groups that are not uplinks (setting "uplink", absent = false).
                if (n.kind() != NetworkKind.STANDARD_PORT_GROUP) {
                    continue;
                }
                Setting uplink = n.settings().get("uplink");
                if (uplink != null && uplink.asBoolean().orElse(false)) {
                    continue;
                }
                Collected<Boolean> p = n.l2Policy().promiscuousAllowed();
                if (p.isCollected() && Boolean.TRUE.equals(p.value())) {
                    fails++;
                }
            }
            return fails;
        });
        row(catalog, "zone-vm-bridges-zones", vmVars, ViewRules::bridgesZones, () -> {
            int fails = 0;
            for (VirtualMachine vm : inv.vms()) {
                Set<Integer> trusts = new HashSet<>();
                for (VirtualNic n : vm.nics()) {
                    zones.zoneOf(vm, n).map(TrustZone::trust).ifPresent(trusts::add);
                }
                if (trusts.size() > 1) {
                    fails++;
                }
            }
            zonesOfVm.clear();
            return fails;
        });
    }

    /** One resource of a comparison row: its platform and its variables, as a scan holds them. */
    private record Resource(String platform, RuleVariables variables) {
    }

    private static RuleVariables variables(Map<String, Object> values) {
        RuleVariables v = new RuleVariables();
        v.putAll(values);
        return v;
    }

    private static void row(CheckCatalog catalog, String id, List<Resource> vars, JavaRule viewRule,
                            java.util.function.IntSupplier java) {
        if (only != null && !only.contains(id)) {
            return;
        }
        CompiledCheck check = catalog.find(id).orElseThrow();
        // Scan-shaped: one pass per round, as a scan does. Steady state: enough passes per round that every round
        // evaluates at least 400,000 resources (JIT warm, views cache-hot for the small sets), reported per
        // resource. Both best of several interleaved rounds, in this thread's CPU time: other work on this small
        // shared machine slows single rounds by 2x or more.
        Measure scan = measure(check, vars, viewRule, java, 1, 9);
        Measure steady = measure(check, vars, viewRule, java, Math.max(1, 400_000 / vars.size()), 9);
        System.out.printf("%-34s %7d resources  scan CPU: CEL %8.2f ms (%5d FAIL) Java check %8.2f ms, ratio %4.1fx;"
                        + " Java on records %8.2f ms, ratio %4.1fx%n", id, vars.size(),
                scan.celNs / 1e6, scan.celFails, scan.viewNs / 1e6, (double) scan.celNs / scan.viewNs,
                scan.javaNs / 1e6, (double) scan.celNs / scan.javaNs);
        System.out.printf("%-34s %7s            steady CPU per resource: CEL %6.1f ns; Java check %6.1f ns, ratio"
                        + " %4.1fx; Java on records %6.1f ns, ratio %4.1fx%n", "", "",
                (double) steady.celNs / vars.size(), (double) steady.viewNs / vars.size(),
                (double) steady.celNs / steady.viewNs, (double) steady.javaNs / vars.size(),
                (double) steady.celNs / steady.javaNs);
        if (scan.celFails != scan.javaFails || steady.celFails != steady.javaFails
                || scan.celFails != scan.viewFails || steady.celFails != steady.viewFails) {
            throw new IllegalStateException(id + ": CEL and Java disagree on the number of failures");
        }
    }

    /** Times this thread's CPU, so that other work on the machine does not count (it still shares the caches). */
    private static final java.lang.management.ThreadMXBean THREAD = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Best CPU time per pass over {@code vars} of CEL, the Java check and Java on records, and their FAIL counts. */
    private record Measure(long celNs, int celFails, long viewNs, int viewFails, long javaNs, int javaFails) {
    }

    private static Measure measure(CompiledCheck check, List<Resource> vars, JavaRule viewRule,
                                   java.util.function.IntSupplier java, int passes, int rounds) {
        long celBest = Long.MAX_VALUE;
        long viewBest = Long.MAX_VALUE;
        long javaBest = Long.MAX_VALUE;
        int celFails = 0;
        int viewFails = 0;
        int javaFails = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = THREAD.getCurrentThreadCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                celFails = celPass(check, vars);
            }
            celBest = Math.min(celBest, (THREAD.getCurrentThreadCpuTime() - t0) / passes);
            t0 = THREAD.getCurrentThreadCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                viewFails = viewPass(check, viewRule, vars);
            }
            viewBest = Math.min(viewBest, (THREAD.getCurrentThreadCpuTime() - t0) / passes);
            t0 = THREAD.getCurrentThreadCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                javaFails = java.getAsInt();
            }
            javaBest = Math.min(javaBest, (THREAD.getCurrentThreadCpuTime() - t0) / passes);
        }
        return new Measure(celBest, celFails, viewBest, viewFails, javaBest, javaFails);
    }

    /** One pass of the hand-written Java check over the same variables, skipping other platforms as a scan does. */
    private static int viewPass(CompiledCheck check, JavaRule rule, List<Resource> vars) {
        int fails = 0;
        for (Resource r : vars) {
            if (check.appliesToPlatform(r.platform()) && rule.evaluate(r.variables()).status() == CheckStatus.FAIL) {
                fails++;
            }
        }
        return fails;
    }

    /** One pass as a scan makes it: a resource of another platform is NOT_APPLICABLE without evaluating. */
    private static int celPass(CompiledCheck check, List<Resource> vars) {
        int fails = 0;
        for (Resource r : vars) {
            if (check.appliesToPlatform(r.platform()) && check.evaluate(r.variables()).status() == CheckStatus.FAIL) {
                fails++;
            }
        }
        return fails;
    }

    static Inventory generate() {
        List<Host> hosts = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        List<VirtualMachine> vms = new ArrayList<>();
        int pgPerHost = PORT_GROUPS / HOSTS + 1;
        int pgCount = 0;
        for (int h = 0; h < HOSTS; h++) {
            boolean vsphere = h % 2 == 0;
            String name = (vsphere ? "esx-" : "kvm-") + h;
            String id = "host-" + h;
            Map<String, Setting> settings = new HashMap<>();
            if (vsphere) {
                settings.put("service.TSM-SSH.running", Setting.ofBoolean("service.TSM-SSH.running", h % 10 == 0));
                settings.put("lockdown.mode", Setting.ofString("lockdown.mode", h % 7 == 0 ? "lockdownDisabled" : "lockdownNormal"));
                settings.put("Security.AccountLockFailures", Setting.ofInteger("Security.AccountLockFailures", 3));
                settings.put("Syslog.global.logHost", Setting.ofString("Syslog.global.logHost", "tcp://log:514"));
                settings.put("vmk.devices", Setting.of("vmk.devices", org.virtguard.model.SettingType.LIST, "vmk0,vmk1"));
                settings.put("vmk.vmk0.portgroup", Setting.ofString("vmk.vmk0.portgroup", "mgmt"));
                settings.put("vmk.vmk0.services", Setting.of("vmk.vmk0.services", org.virtguard.model.SettingType.LIST, "management"));
                settings.put("vmk.vmk1.portgroup", Setting.ofString("vmk.vmk1.portgroup", "vmotion"));
                settings.put("vmk.vmk1.services", Setting.of("vmk.vmk1.services", org.virtguard.model.SettingType.LIST, "vmotion"));
            }
            hosts.add(new Host(id, "bench", name, vsphere ? Platform.VSPHERE : Platform.LIBVIRT,
                    vsphere ? HypervisorKind.ESXI : HypervisorKind.KVM, null, null, null, null, null, null,
                    "cluster-" + (h / 16), null, null, settings));
            for (int p = 0; p < pgPerHost && pgCount < PORT_GROUPS; p++, pgCount++) {
                String pg = (p % 2 == 0 ? "pg-int-" : "pg-dmz-") + p;
                networks.add(new Network(id + "/pg/" + pg, id, pg,
                        vsphere ? NetworkKind.STANDARD_PORT_GROUP : NetworkKind.LIBVIRT_NETWORK, "vSwitch0", null, null,
                        Collected.of(p == 2 ? new VlanConfig(org.virtguard.model.VlanMode.ALL, List.of(), List.of())
                                : VlanConfig.access(100 + p)), List.of(),
                        vsphere ? new L2SecurityPolicy(Collected.of(pgCount % 13 == 0), Collected.of(false), Collected.of(false))
                                : L2SecurityPolicy.notCollected("linux bridge"), true, Map.of()));
            }
        }
        for (int v = 0; v < VMS; v++) {
            int h = v % HOSTS;
            boolean vsphere = h % 2 == 0;
            String id = "vm-" + v;
            VirtualMachine.Builder b = VirtualMachine.builder(id, id).hostId("host-" + h)
                    .powerState(v % 20 == 0 ? PowerState.OFF : PowerState.RUNNING)
                    .label("owner", "team-" + (v % 50));
            if (v % 5 == 0) {
                b.label("classification", "confidential");
            }
            for (int n = 0; n < 2; n++) {
                String net = n == 0 ? "pg-int-0" : (v % 9 == 0 ? "pg-dmz-1" : "pg-int-0");
                b.addNic(new VirtualNic(id + "/nic" + n, id, null,
                        vsphere ? NicAttachment.STANDARD_PORT_GROUP : NicAttachment.NETWORK, net, null, null, null,
                        Collected.of(VlanConfig.none()), "virtio", null,
                        vsphere || v % 3 == 0 ? null : new org.virtguard.model.TrafficFilterRef("clean-traffic", Map.of(),
                                Collected.of(Set.of(org.virtguard.model.SpoofingProtection.MAC,
                                        org.virtguard.model.SpoofingProtection.IP, org.virtguard.model.SpoofingProtection.ARP))),
                        Collected.of(List.of("10.0." + (v % 250) + "." + n)), true));
            }
            if (vsphere) {
                b.setting(Setting.ofString("isolation.tools.copy.disable", v % 4 == 0 ? "false" : "true"));
                b.setting(Setting.ofString("isolation.tools.paste.disable", "true"));
                b.setting(Setting.ofString("tools.guestlib.enableHostInfo", "false"));
                b.setting(Setting.ofString("RemoteDisplay.maxConnections", "1"));
                b.addDevice(new VirtualDevice(DeviceKind.CDROM, "atapi", "cd", Map.of(), v % 6 == 0));
            } else {
                b.addConsole(new Console(ConsoleType.VNC, List.of(new ConsoleListen(ConsoleListen.Kind.ADDRESS,
                        (v / 2) % 8 == 0 ? "0.0.0.0" : "127.0.0.1")), 5900, Collected.of((v / 2) % 16 == 0), null, Map.of()));
                b.addDevice(new VirtualDevice(DeviceKind.SERIAL, "pty", "serial pty", Map.of("backend", "pty"), true));
            }
            vms.add(b.build());
        }
        return new Inventory(hosts, vms, networks);
    }
}
