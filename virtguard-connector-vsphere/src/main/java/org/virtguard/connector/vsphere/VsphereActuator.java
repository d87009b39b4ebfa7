package org.virtguard.connector.vsphere;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.virtguard.connector.vsphere.actions.ActionException;
import org.virtguard.connector.vsphere.actions.ActionPlanner;
import org.virtguard.connector.vsphere.actions.Progress;
import org.virtguard.connector.vsphere.actions.Step;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;

/**
 * Carries out guarded responses on a vCenter or ESXi host through the connector's session: NIC moves with
 * {@code ReconfigVM_Task}, {@code PowerOffVM_Task}, {@code RevertToSnapshot_Task}, and redeploys with
 * {@code Rename_Task}, {@code CloneVM_Task} and {@code PowerOnVM_Task}. Each task is awaited; a task error
 * becomes an {@code ACTION_FAILED} naming the VM and the task, and says which steps were already done.
 */
final class VsphereActuator implements VmActuator {

    private final VsphereConnector connector;
    private final Duration taskTimeout;

    VsphereActuator(VsphereConnector connector, Duration taskTimeout) {
        this.connector = connector;
        this.taskTimeout = taskTimeout;
    }

    @Override
    public Plan plan(VmAction action) throws ConnectorException {
        return new Plan(connector.withClient(what(action), client -> {
            try {
                return new ActionPlanner(client, taskTimeout).steps(action).stream().map(Step::description).toList();
            } catch (ActionException e) {
                throw failure(e.code(), e.getMessage(), null);
            }
        }));
    }

    @Override
    public Outcome execute(VmAction action) throws ConnectorException {
        List<String> done = new ArrayList<>();
        Progress progress = new Progress(action.vmId());
        connector.withClient(what(action), client -> {
            List<Step> steps;
            try {
                steps = new ActionPlanner(client, taskTimeout).steps(action);
            } catch (ActionException e) {
                throw failure(e.code(), e.getMessage() + "; nothing was changed", null);
            }
            for (Step step : steps) {
                try {
                    if (step.work() != null) {
                        step.work().run(progress);
                    }
                } catch (ActionException e) {
                    throw failure(e.code(), what(action) + " failed: " + e.getMessage() + "; " + doneSoFar(done), null);
                } catch (SoapFaultException e) {
                    ConnectorException c = Faults.of(connector.source().id(), what(action), e);
                    throw failure(c.code(), what(action) + " failed: " + e.getMessage() + "; " + doneSoFar(done), e);
                } catch (TransportException e) {
                    throw failure(e.code(), what(action) + " failed: " + e.getMessage() + "; " + doneSoFar(done), e);
                }
                done.add(step.description());
            }
            return null;
        });
        Optional<VirtualMachine> after;
        try {
            after = connector.collectVm(progress.vmIdAfter());
        } catch (ConnectorException e) {
            throw failure(e.code(), what(action) + " done (" + String.join("; ", done) + ") but re-reading the VM "
                    + "failed: " + e.getMessage(), e);
        }
        return new Outcome(done, after);
    }

    private static String what(VmAction action) {
        return action.kind() + " of VM " + action.vmId();
    }

    private static String doneSoFar(List<String> done) {
        return done.isEmpty() ? "no steps were done" : "steps done: " + String.join("; ", done);
    }

    private ConnectorException failure(ErrorCode code, String message, Throwable cause) {
        String id = connector.source().id();
        return new ConnectorException(code, id, "vSphere source " + id + ": " + message, cause);
    }
}
