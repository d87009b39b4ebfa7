package org.virtguard.cli.flows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.flows.aggregate.EdgeKind;
import org.virtguard.flows.aggregate.FlowEdge;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.transport.FlowFileReader;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code virtguard flows top --by zone|vm INPUT}: the heaviest VM↔VM or zone↔zone edges. */
@Command(name = "top", description = "Show the heaviest VM-to-VM or zone-to-zone edges of recorded flow exports.")
public final class FlowsTopCommand extends BaseCommand {

    /** What to group by. */
    enum By { zone, vm }

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "pcap of the exported UDP datagrams, or a datagram stream. Without it, the edges stored by 'flows listen' are read.")
    Path input;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h",
            description = "With stored edges: the period to sum, e.g. 30m, 24h (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--by", paramLabel = "zone|vm", defaultValue = "zone", description = "zone or vm (default: ${DEFAULT-VALUE}).")
    By by;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Rows to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Override
    public Integer call() {
        EdgeKind kind = by == By.vm ? EdgeKind.VM : EdgeKind.ZONE;
        List<FlowEdge> edges;
        if (input == null) {
            java.time.Instant now = clock().instant();
            try (org.virtguard.store.Store store = context().openStore()) {
                edges = store.flows().list(kind.name(), now.minus(FlowsRecommendCommand.parse(since)), now).stream()
                        .map(e -> new FlowEdge(e.minute(), kind, e.from(), e.to(), e.eastWest(), e.flows(),
                                e.packets(), e.bytes())).toList();
            }
        } else {
            PipelineOptions.Built built = options.build(context(), a -> { }, err());
            try {
                FlowFileReader.decode(input, new FlowDecoder(), built.pipeline(), "stream", clock().millis());
            } catch (IOException e) {
                throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage());
            }
            edges = built.aggregator().drainAll();
        }
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (FlowEdge e : edges) {
            if (e.kind() == kind) {
                long[] t = totals.computeIfAbsent(e.from() + " -> " + e.to() + (e.eastWestOnHost() ? " (on host)" : ""),
                        k -> new long[3]);
                t[0] += e.flows();
                t[1] += e.packets();
                t[2] += e.bytes();
            }
        }
        List<Map.Entry<String, long[]>> rows = totals.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[2]).reversed())
                .limit(limit).toList();
        out().printf("%-60s %10s %12s %14s%n", by + " edge", "flows", "packets", "bytes");
        for (Map.Entry<String, long[]> r : rows) {
            out().printf("%-60s %10d %12d %14d%n", r.getKey(), r.getValue()[0], r.getValue()[1], r.getValue()[2]);
        }
        if (rows.isEmpty()) {
            out().println("no " + by + " edges: no flow had both ends attributed (check the inventory and zones)");
        }
        out().flush();
        return 0;
    }
}
