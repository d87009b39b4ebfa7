package org.virtguard.cli.flows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.transport.FlowFileReader;
import org.virtguard.model.Alert;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code virtguard flows replay INPUT}: offline analysis of recorded flow exports. */
@Command(name = "replay", description = "Analyse recorded flow exports offline: attribution, segmentation and detectors; prints the alerts.")
public final class FlowsReplayCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INPUT", description = "pcap of the exported UDP datagrams, or a datagram stream.")
    Path input;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Override
    public Integer call() {
        List<Alert> alerts = new ArrayList<>();
        PipelineOptions.Built built = options.build(context(), alerts::add, err());
        FlowDecoder decoder = new FlowDecoder();
        try {
            FlowFileReader.decode(input, decoder, built.pipeline(), "stream", clock().millis());
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage());
        }
        for (Alert a : alerts) {
            FlowsOutput.alert(a, out());
        }
        out().println(built.pipeline().flows() + " flows, " + alerts.size() + " alerts");
        out().flush();
        FlowsOutput.counters(decoder.counters(), err());
        return 0;
    }
}
