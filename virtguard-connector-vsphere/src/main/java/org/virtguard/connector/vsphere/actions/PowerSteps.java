package org.virtguard.connector.vsphere.actions;

/** Plans hard power-off and power-on. */
final class PowerSteps {

    private final Tasks tasks;

    PowerSteps(Tasks tasks) {
        this.tasks = tasks;
    }

    /** {@code PowerOffVM_Task}, or nothing when the VM is already off. */
    Step powerOff(VmFacts vm) {
        if (vm.poweredOff()) {
            return Step.nothing(vm.shown() + " is already powered off: nothing to do");
        }
        return new Step("power off " + vm.shown() + " (hard, no guest shutdown)",
                p -> tasks.run("PowerOffVM_Task", vm.ref(), vm.shown(), w -> { }));
    }
}
