package org.virtguard.cli.flows;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.flows.FlowText;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.transport.FlowFileReader;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code virtguard flows decode INPUT}: one row per flow record, for comparison with nfdump. */
@Command(name = "decode", description = "Decode a datagram stream or pcap of flow exports: one row per flow record.")
public final class FlowsDecodeCommand extends BaseCommand {

    /** Output formats of decoded records. */
    enum Format { csv, json }

    @Parameters(index = "0", paramLabel = "INPUT", description = "pcap of the exported UDP datagrams, or a datagram stream ([4-byte length][payload]...).")
    Path input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv or json (one object per line) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = out();
        FlowDecoder decoder = new FlowDecoder();
        if (!java.nio.file.Files.isRegularFile(input)) {
            throw new CliException(ErrorCode.NOT_FOUND, "flow export file " + input + " does not exist or is not a file");
        }
        if (format == Format.csv) {
            out.println(FlowText.CSV_HEADER);
        }
        try {
            FlowFileReader.decode(input, decoder, r -> out.println(format == Format.csv ? FlowText.csv(r)
                    : FlowText.json(r)), "stream", clock().millis());
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage());
        }
        out.flush();
        FlowsOutput.counters(decoder.counters(), err());
        return 0;
    }
}
