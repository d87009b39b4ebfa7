package org.virtguard.connector.libvirt;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;

/**
 * Carries out response actions on the live connector's own libvirt connection, so that what an action changed is
 * what the same connector's {@code collect()} and {@code collectVm()} read next (the test driver keeps its state per
 * connection). Calls run one at a time under the connection holder's lock.
 *
 * <ul>
 *   <li>Quarantine and release move vNICs between libvirt networks; see {@link NicMover} for how (device update,
 *       or on the test driver a redefinition and restart).</li>
 *   <li>Quarantine and release by nwfilter attach a drop-all filter to every vNIC live and give each its previous
 *       filter back; see {@link FilterQuarantiner}.</li>
 *   <li>Power off is {@code virDomainDestroy}; an already stopped VM is left as it is.</li>
 *   <li>Revert to snapshot is {@code virDomainRevertToSnapshot} by name; see {@link SnapshotReverter}.</li>
 *   <li>Redeploy retires the VM under a new name and defines and starts a new one from a template; see
 *       {@link Redeployer}.</li>
 * </ul>
 * Every {@link #execute} validates again as {@link #plan} does, and returns the VM re-read through the connector.
 */
final class LibvirtActuator implements VmActuator {

    private final LibvirtConnector connector;
    private final LibvirtSource source;
    private final ConnectionHolder connections;

    LibvirtActuator(LibvirtConnector connector, LibvirtSource source, ConnectionHolder connections) {
        this.connector = connector;
        this.source = source;
        this.connections = connections;
    }

    @Override
    public Plan plan(VmAction action) throws ConnectorException {
        return connections.withConnection(c -> guarded(c, () -> new Plan(planOn(new ActionLookups(source, c), action))));
    }

    @Override
    public Outcome execute(VmAction action) throws ConnectorException {
        return connections.withConnection(c -> guarded(c, () -> executeOn(new ActionLookups(source, c), action)));
    }

    private List<String> planOn(ActionLookups lookups, VmAction action) throws ConnectorException {
        return switch (action) {
            case VmAction.Quarantine q -> quarantine(lookups, q).planLines();
            case VmAction.Release r -> release(lookups, r).planLines();
            case VmAction.PowerOff p -> List.of(powerOffStep(lookups, lookups.vm(p.vmId())));
            case VmAction.RevertToSnapshot r ->
                    List.of(new SnapshotReverter(lookups).prepare(lookups.vm(r.vmId()), r.snapshotName()).step());
            case VmAction.Redeploy r -> new Redeployer(lookups).prepare(r).planLines();
            case VmAction.FilterQuarantine f ->
                    new FilterQuarantiner(lookups).prepareQuarantine(lookups.vm(f.vmId()), f.filterName()).planLines();
            case VmAction.FilterRelease f ->
                    new FilterQuarantiner(lookups).prepareRelease(lookups.vm(f.vmId()), f.filterName()).planLines();
        };
    }

    private Outcome executeOn(ActionLookups lookups, VmAction action) throws ConnectorException {
        String vmId = LiveCollector.normalise(action.vmId());
        switch (action) {
            case VmAction.Quarantine q -> {
                NicMover.Prepared p = quarantine(lookups, q);
                ActionSteps steps = steps(action, p.vmName());
                new NicMover(lookups).apply(p, steps);
                return outcome(steps, vmId);
            }
            case VmAction.Release r -> {
                NicMover.Prepared p = release(lookups, r);
                ActionSteps steps = steps(action, p.vmName());
                new NicMover(lookups).apply(p, steps);
                return outcome(steps, vmId);
            }
            case VmAction.PowerOff p -> {
                Domain d = lookups.vm(p.vmId());
                String name = lookups.name(d);
                ActionSteps steps = steps(action, name);
                String step = powerOffStep(lookups, d);
                if (lookups.isActive(d, name)) {
                    try {
                        d.destroy();
                    } catch (LibvirtException e) {
                        throw steps.failed(step, e);
                    }
                }
                steps.done(step);
                return outcome(steps, vmId);
            }
            case VmAction.RevertToSnapshot r -> {
                SnapshotReverter reverter = new SnapshotReverter(lookups);
                SnapshotReverter.Prepared p = reverter.prepare(lookups.vm(r.vmId()), r.snapshotName());
                ActionSteps steps = steps(action, p.vmName());
                reverter.apply(p, steps);
                return outcome(steps, vmId);
            }
            case VmAction.Redeploy r -> {
                Redeployer redeployer = new Redeployer(lookups);
                Redeployer.Prepared p = redeployer.prepare(r);
                ActionSteps steps = steps(action, p.vmName());
                String newId = redeployer.apply(p, steps);
                return outcome(steps, newId);
            }
            case VmAction.FilterQuarantine f -> {
                FilterQuarantiner quarantiner = new FilterQuarantiner(lookups);
                FilterQuarantiner.Prepared p = quarantiner.prepareQuarantine(lookups.vm(f.vmId()), f.filterName());
                ActionSteps steps = steps(action, p.vmName());
                quarantiner.apply(p, steps);
                return outcome(steps, vmId);
            }
            case VmAction.FilterRelease f -> {
                FilterQuarantiner quarantiner = new FilterQuarantiner(lookups);
                FilterQuarantiner.Prepared p = quarantiner.prepareRelease(lookups.vm(f.vmId()), f.filterName());
                ActionSteps steps = steps(action, p.vmName());
                quarantiner.apply(p, steps);
                return outcome(steps, vmId);
            }
        }
    }

    private static NicMover.Prepared quarantine(ActionLookups lookups, VmAction.Quarantine q)
            throws ConnectorException {
        Domain d = lookups.vm(q.vmId());
        lookups.requireNetwork(q.network(), false);
        return new NicMover(lookups).prepare(d, mac -> q.network(), Set.of(), "");
    }

    private static NicMover.Prepared release(ActionLookups lookups, VmAction.Release r) throws ConnectorException {
        Domain d = lookups.vm(r.vmId());
        Map<String, String> byMac = new HashMap<>();
        r.networksByMac().forEach((mac, network) -> byMac.put(mac.toLowerCase(Locale.ROOT), network));
        return new NicMover(lookups).prepare(d, byMac::get, r.networksByMac().keySet().stream()
                .collect(Collectors.toCollection(TreeSet::new)), "not in the release list");
    }

    private static String powerOffStep(ActionLookups lookups, Domain d) throws ConnectorException {
        String name = lookups.name(d);
        return lookups.isActive(d, name) ? "power off VM " + name + " (destroy: hard, no guest shutdown)"
                : "VM " + name + " is already off: nothing to do";
    }

    private ActionSteps steps(VmAction action, String vmName) {
        return new ActionSteps(source, action.kind() + " of VM " + vmName);
    }

    private Outcome outcome(ActionSteps steps, String vmId) throws ConnectorException {
        Optional<VirtualMachine> after;
        try {
            after = connector.collectVm(vmId);
        } catch (ConnectorException e) {
            throw steps.failed("re-read VM " + vmId, e);
        }
        return new Outcome(steps.done(), after);
    }

    private <T> T guarded(Connect c, Work<T> work) throws ConnectorException {
        try {
            return work.run();
        } catch (ConnectorException e) {
            connector.dropIfBroken(c, e);
            throw e;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws ConnectorException;
    }
}
