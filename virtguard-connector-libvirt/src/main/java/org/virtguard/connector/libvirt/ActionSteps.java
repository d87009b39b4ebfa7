package org.virtguard.connector.libvirt;

import java.util.ArrayList;
import java.util.List;

import org.libvirt.LibvirtException;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;

/**
 * The steps one executed response action has carried out so far, so that a failure part-way can say what was
 * already done (and the outcome can list the steps).
 */
final class ActionSteps {

    private final LibvirtSource source;
    private final String action;
    private final List<String> done = new ArrayList<>();

    /**
     * @param action what is being done, for messages, e.g. {@code quarantine of VM web01}
     */
    ActionSteps(LibvirtSource source, String action) {
        this.source = source;
        this.action = action;
    }

    /** Records a step as done. */
    void done(String step) {
        done.add(step);
    }

    /** The steps done so far, in order. */
    List<String> done() {
        return List.copyOf(done);
    }

    /** The error for a libvirt call that failed during {@code step}. */
    ConnectorException failed(String step, LibvirtException e) {
        return new ConnectorException(LibvirtErrors.actionCode(e), source.id(),
                message(step, LibvirtErrors.message(e, source)), e);
    }

    /** The error for a step that failed for a reason of VirtGuard's own (code and message kept). */
    ConnectorException failed(String step, ConnectorException e) {
        return new ConnectorException(e.code(), source.id(), message(step, e.getMessage()), e);
    }

    /** The error for a step the hypervisor cannot carry out, with {@link ErrorCode#ACTION_FAILED}. */
    ConnectorException failed(String step, String reason) {
        return new ConnectorException(ErrorCode.ACTION_FAILED, source.id(), message(step, reason));
    }

    private String message(String step, String reason) {
        String already = done.isEmpty() ? "nothing was changed"
                : "already done: " + String.join("; ", done);
        return source.describe() + ": " + action + " failed at '" + step + "': " + reason + "; " + already;
    }
}
