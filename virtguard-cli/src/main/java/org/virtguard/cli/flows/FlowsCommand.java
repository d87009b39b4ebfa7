package org.virtguard.cli.flows;

import picocli.CommandLine.Command;

/** {@code virtguard flows}: NetFlow / IPFIX / sFlow collection, attribution, segmentation and detection. */
@Command(name = "flows", description = "Collect and analyse inter-VM traffic from NetFlow v5/v9, IPFIX and sFlow exports.",
        subcommands = {FlowsDecodeCommand.class, FlowsReplayCommand.class, FlowsListenCommand.class,
                FlowsTopCommand.class, FlowsRecommendCommand.class})
public final class FlowsCommand {
}
