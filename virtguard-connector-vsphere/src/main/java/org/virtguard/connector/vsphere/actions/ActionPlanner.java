package org.virtguard.connector.vsphere.actions;

import java.time.Duration;
import java.util.List;

import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.spi.VmAction;

/**
 * Checks an action against the server's current state and turns it into steps. Planning only reads; the
 * steps' work is what changes the VM.
 */
public final class ActionPlanner {

    private final VimLookup lookup;
    private final NicSteps nics;
    private final PowerSteps power;
    private final SnapshotSteps snapshots;
    private final RedeploySteps redeploy;

    /** @param taskTimeout the longest one vSphere task may run */
    public ActionPlanner(Vim25Client client, Duration taskTimeout) {
        this.lookup = new VimLookup(client);
        Tasks tasks = new Tasks(client, taskTimeout);
        this.nics = new NicSteps(lookup, tasks);
        this.power = new PowerSteps(tasks);
        this.snapshots = new SnapshotSteps(tasks);
        this.redeploy = new RedeploySteps(lookup, tasks, power);
    }

    /**
     * The steps of an action, in order.
     *
     * @throws ActionException NOT_FOUND naming a missing VM, NIC, port group, snapshot or template;
     *                         ACTION_FAILED when the action cannot be carried out as given
     */
    public List<Step> steps(VmAction action) throws ActionException, SoapFaultException, TransportException {
        VmFacts vm = lookup.vm(action.vmId());
        if (vm.template()) {
            throw ActionException.failed(vm.shown() + " is a template; actions apply to VMs only");
        }
        return switch (action) {
            case VmAction.Quarantine q -> nics.quarantine(vm, q.network());
            case VmAction.Release r -> nics.release(vm, r.networksByMac());
            case VmAction.PowerOff p -> List.of(power.powerOff(vm));
            case VmAction.RevertToSnapshot s -> List.of(snapshots.revert(vm, s.snapshotName()));
            case VmAction.Redeploy d -> redeploy.redeploy(vm, d);
            case VmAction.FilterQuarantine f -> throw noTrafficFilters(vm);
            case VmAction.FilterRelease f -> throw noTrafficFilters(vm);
        };
    }

    private static ActionException noTrafficFilters(VmFacts vm) {
        return ActionException.failed(vm.shown() + ": vSphere has no per-vNIC traffic filters (nwfilter); quarantine "
                + "this VM by moving its vNICs to a quarantine port group (response policy method: network)");
    }
}
