package org.virtguard.cli.flows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.evaluate.FlowContext;
import org.virtguard.flows.evaluate.PolicyRecommender;
import org.virtguard.flows.transport.FlowFileReader;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code virtguard flows recommend INPUT}: a least-privilege allowlist learnt from observed flows. */
@Command(name = "recommend", description = "Propose a least-privilege allowlist per zone and VM from observed flows, for review.")
public final class FlowsRecommendCommand extends BaseCommand {

    /** Output formats of the proposal. */
    enum Format { yaml, nftables, nwfilter }

    @Parameters(index = "0", paramLabel = "INPUT", description = "pcap of the exported UDP datagrams, or a datagram stream.")
    Path input;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "7d",
            description = "Learn from the flows of this last period of the input, e.g. 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (a segmentation: section for the zone policy), nftables or nwfilter (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Override
    public Integer call() {
        long windowMillis = parse(window).toMillis();
        long[] latest = {Long.MIN_VALUE};
        FlowContext context = new FlowContext();
        PolicyRecommender recommender = new PolicyRecommender(100_000);
        PipelineOptions.Built built = options.build(context(), a -> { }, err());
        try {
            FlowFileReader.decode(input, new FlowDecoder(), r -> latest[0] = Math.max(latest[0],
                    context.set(r, null, null).timeMillis()), "stream", clock().millis());
            long from = latest[0] - windowMillis;
            FlowFileReader.decode(input, new FlowDecoder(), r -> {
                var index = built.index().current();
                context.set(r, index.lookup(r, true), index.lookup(r, false));
                if (context.timeMillis() >= from) {
                    recommender.observe(context);
                }
            }, "stream", clock().millis());
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage());
        }
        out().print(switch (format) {
            case yaml -> recommender.yaml();
            case nftables -> recommender.nftables();
            case nwfilter -> recommender.nwfilter();
        });
        out().flush();
        if (recommender.zonePermissions().isEmpty() && recommender.vmPermissions().isEmpty()) {
            err().println("virtguard: warning: no flow crossed two zones or two VMs; nothing to propose "
                    + "(check the --zones file and the inventory)");
        }
        return 0;
    }

    static Duration parse(String text) {
        String t = text.trim();
        try {
            if (t.length() > 1 && List.of('s', 'm', 'h', 'd').contains(t.charAt(t.length() - 1))) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } else {
                Duration d = Duration.parse(t);
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        throw new CliException(ErrorCode.INVALID_CONFIG, "'" + text + "' is not a positive duration such as 30m, 24h or 7d", 2);
    }
}
