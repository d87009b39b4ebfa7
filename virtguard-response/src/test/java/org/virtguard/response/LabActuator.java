package org.virtguard.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.virtguard.model.ErrorCode;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;

/**
 * A small hypervisor held in memory for the service's own rules (approval, expiry, triggers); the real
 * actuators are tested against libvirt's test driver and vcsim in their modules.
 */
final class LabActuator implements VmActuator {

    final Map<String, VirtualMachine> vms = new LinkedHashMap<>();
    final Set<String> networks;
    final List<VmAction> executed = new ArrayList<>();

    LabActuator(Set<String> networks, VirtualMachine... vms) {
        this.networks = networks;
        for (VirtualMachine vm : vms) {
            this.vms.put(vm.id(), vm);
        }
    }

    @Override
    public Plan plan(VmAction action) throws ConnectorException {
        VirtualMachine vm = vm(action.vmId());
        return new Plan(switch (action) {
            case VmAction.Quarantine q -> {
                network(q.network());
                yield vm.nics().stream().map(n -> "NIC " + n.mac() + ": network " + n.networkName() + " -> "
                        + q.network()).toList();
            }
            case VmAction.Release r -> vm.nics().stream().map(n -> "NIC " + n.mac() + ": network "
                    + n.networkName() + " -> " + r.networksByMac().get(n.mac())).toList();
            case VmAction.PowerOff p -> List.of("power off " + vm.name());
            case VmAction.FilterQuarantine f -> vm.nics().stream().map(n -> "NIC " + n.mac() + ": filter "
                    + f.filterName()).toList();
            case VmAction.FilterRelease f -> vm.nics().stream().map(n -> "NIC " + n.mac() + ": previous filter")
                    .toList();
            default -> throw new ConnectorException(ErrorCode.ACTION_FAILED, "lab", "not supported in the lab");
        });
    }

    @Override
    public Outcome execute(VmAction action) throws ConnectorException {
        Plan plan = plan(action);
        VirtualMachine vm = vm(action.vmId());
        VirtualMachine after = switch (action) {
            case VmAction.Quarantine q -> vm.toBuilder().nics(vm.nics().stream()
                    .map(n -> withNetwork(n, q.network())).toList()).build();
            case VmAction.Release r -> vm.toBuilder().nics(vm.nics().stream()
                    .map(n -> withNetwork(n, r.networksByMac().get(n.mac()))).toList()).build();
            case VmAction.PowerOff p -> vm.toBuilder().powerState(PowerState.OFF).build();
            case VmAction.FilterQuarantine f -> vm;
            case VmAction.FilterRelease f -> vm;
            default -> throw new IllegalStateException();
        };
        vms.put(after.id(), after);
        executed.add(action);
        return new Outcome(plan.steps(), Optional.of(after));
    }

    private VirtualMachine vm(String id) throws ConnectorException {
        VirtualMachine vm = vms.get(id);
        if (vm == null) {
            throw new ConnectorException(ErrorCode.NOT_FOUND, "lab", "no VM " + id);
        }
        return vm;
    }

    private void network(String name) throws ConnectorException {
        if (!networks.contains(name)) {
            throw new ConnectorException(ErrorCode.NOT_FOUND, "lab", "no network '" + name + "' on source lab");
        }
    }

    private static VirtualNic withNetwork(VirtualNic n, String network) {
        return new VirtualNic(n.id(), n.vmId(), n.mac(), n.attachment(), network, n.switchName(), n.sourceDevice(),
                n.sourceMode(), n.vlan(), n.model(), n.targetDevice(), n.filter(), n.ipAddresses(), n.connected());
    }
}
