package org.virtguard.cli.respond;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** The options naming an action: what, on which VM, with which network, snapshot or template. */
final class ActionOptions {

    @Option(names = "--action", required = true, paramLabel = "KIND",
            description = "quarantine, release, power-off, revert-snapshot or redeploy.")
    String action;

    @Option(names = "--vm", required = true, paramLabel = "VM", description = "The VM's name or id.")
    String vm;

    @Option(names = "--network", paramLabel = "NAME", description = "Quarantine network (default: the policy's).")
    String network;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "How a quarantine cuts the VM off: network (vNICs to the quarantine network) or nwfilter "
                    + "(a drop-all filter on every vNIC, libvirt; default: the policy's).")
    String method;

    @Option(names = "--snapshot", paramLabel = "NAME", description = "Clean snapshot (default: the policy's).")
    String snapshot;

    @Option(names = "--template", paramLabel = "NAME", description = "Golden template (default: the policy's).")
    String template;

    /** The API's request body for this action. */
    Map<String, String> body(String reason) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("vm", vm);
        if (network != null) {
            body.put("network", network);
        }
        if (method != null) {
            body.put("method", method);
        }
        if (snapshot != null) {
            body.put("snapshot", snapshot);
        }
        if (template != null) {
            body.put("template", template);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }
}
