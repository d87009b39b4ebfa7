package org.virtguard.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Common plumbing of the leaf commands: context, output streams, clock. */
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected AppContext context() {
        VirtGuardCommand root = (VirtGuardCommand) spec.root().userObject();
        return root.context();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Clock clock() {
        VirtGuardCommand root = (VirtGuardCommand) spec.root().userObject();
        return root.clock();
    }
}
