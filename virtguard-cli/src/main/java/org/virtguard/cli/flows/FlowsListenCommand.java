package org.virtguard.cli.flows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.transport.CollectorSettings;
import org.virtguard.flows.transport.UdpFlowCollector;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code virtguard flows listen}: the live UDP collector. */
@Command(name = "listen", description = "Try an exporter: receive NetFlow/IPFIX/sFlow exports on UDP and print the "
        + "alerts they raise; nothing is stored (run 'serve' with intake.flows for stored alerts, edges and the zone "
        + "matrix). Ctrl-C stops.")
public final class FlowsListenCommand extends BaseCommand {

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", split = ",", description = "UDP ports (default: 2055, 4739, 6343).")
    List<Integer> ports;

    @Option(names = "--receive-buffer", paramLabel = "BYTES", defaultValue = "67108864", description = "Requested socket receive buffer (default: ${DEFAULT-VALUE}).")
    int receiveBuffer;

    @Option(names = "--queue", paramLabel = "DATAGRAMS", defaultValue = "8192", description = "Datagrams queued for decoding before dropping (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--decode-threads", paramLabel = "N", defaultValue = "1",
            description = "1: a receive thread queues datagrams for a decode thread (overload drops counted in the "
                    + "queue); 0: one thread receives and decodes (cheapest per flow, for a collector on one core; "
                    + "overload drops happen in the kernel and are read from /proc/net/udp). Default: ${DEFAULT-VALUE}.")
    int decodeThreads;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Override
    public Integer call() throws InterruptedException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int p : ports == null ? CollectorSettings.DEFAULT_PORTS : ports) {
            if (p < 0 || p > 65_535) {
                throw new CliException(ErrorCode.INVALID_CONFIG, "--port " + p + " is not a UDP port", 2);
            }
            addresses.add(new InetSocketAddress(bind, p));
        }
        CollectorSettings settings;
        try {
            settings = new CollectorSettings(addresses, receiveBuffer, queue, 9216, decodeThreads);
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, e.getMessage(), 2);
        }
        PipelineOptions.Built built = options.build(context(), a -> {
            synchronized (this) {
                FlowsOutput.alert(a, out());
            }
        }, err());
        FlowDecoder decoder = new FlowDecoder();
        decoder.clockSkewListener((exporter, skew) -> {
            if (skew.first()) {
                synchronized (this) {
                    FlowsOutput.alert(org.virtguard.flows.evaluate.ClockSkewAlert.of(exporter, skew), out());
                }
            }
        });
        CountDownLatch stop = new CountDownLatch(1);
        try (UdpFlowCollector collector = new UdpFlowCollector(settings, decoder, built.pipeline(), clock()::millis)) {
            collector.start();
            collector.warnings().forEach(w -> err().println("virtguard: warning: " + w));
            err().println("listening for flows on " + bind + " ports " + collector.ports());
            err().flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                collector.close();
                FlowsOutput.counters(collector.metrics(), err());
                err().println("drops: " + collector.dropCounters());
                err().flush();
                stop.countDown();
            }));
            stop.await();
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, e.getMessage());
        }
        return 0;
    }
}
