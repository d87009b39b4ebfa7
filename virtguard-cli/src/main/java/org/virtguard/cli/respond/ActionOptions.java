package org.virtguard.cli.respond;

import java.util.LinkedHashMap;
import java.util.Map;

import org.virtguard.response.ActionSpec;
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

    @Option(names = "--snapshot", paramLabel = "NAME", description = "Clean snapshot (default: the policy's).")
    String snapshot;

    @Option(names = "--template", paramLabel = "NAME", description = "Golden template (default: the policy's).")
    String template;

    ActionSpec spec(String reason) {
        Map<String, String> options = new LinkedHashMap<>();
        if (network != null) {
            options.put("network", network);
        }
        if (snapshot != null) {
            options.put("snapshot", snapshot);
        }
        if (template != null) {
            options.put("template", template);
        }
        return new ActionSpec(action, vm, options, reason);
    }
}
