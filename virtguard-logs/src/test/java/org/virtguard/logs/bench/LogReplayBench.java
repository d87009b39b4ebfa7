package org.virtguard.logs.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.intake.IntakeCounter;
import org.virtguard.logs.intake.IntakeStats;
import org.virtguard.logs.intake.LogFileImporter;
import org.virtguard.logs.intake.LogPipeline;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.spi.EndpointResolver;

/**
 * Parse-and-detect throughput on one core over a replayed log (loghub's OpenSSH_2k repeated), next to
 * {@code grep -c Failed} over the same bytes written to a temporary file as the floor of reading cost.
 * Run by hand: {@code java -cp ... org.virtguard.logs.bench.LogReplayBench [log] [copies]}.
 */
public final class LogReplayBench {

    private LogReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args.length > 0 ? args[0] : "../shared/corpora/logs/ssh/loghub/OpenSSH_2k.log");
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        byte[] one = Files.readAllBytes(log);
        ByteArrayOutputStream all = new ByteArrayOutputStream(one.length * copies + copies);
        for (int i = 0; i < copies; i++) {
            all.writeBytes(one);
            if (one[one.length - 1] != '\n') {
                all.write('\n');
            }
        }
        byte[] replay = all.toByteArray();
        Path tmp = Files.createTempFile("virtguard-replay", ".log");
        Files.write(tmp, replay);
        try {
            long lines = 0;
            double[] rates = new double[8];
            double[] cpuRates = new double[8];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int run = -3; run < rates.length; run++) {
                IntakeStats stats = new IntakeStats();
                LogPipeline pipeline = new LogPipeline(YearInference.startingIn(2016, ZoneOffset.UTC),
                        new AuthDetector(DetectorConfig.defaults(), EndpointResolver.none(), AlertListener.none()), stats);
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                new LogFileImporter(pipeline, LogFileImporter.DEFAULT_MAX_LINE).importStream(new ByteArrayInputStream(replay));
                long ns = System.nanoTime() - t0;
                long cpu = threads.getCurrentThreadCpuTime() - c0;
                lines = stats.get(IntakeCounter.LINES);
                if (run >= 0) {
                    rates[run] = lines / (ns / 1e9);
                    cpuRates[run] = lines / (cpu / 1e9);
                }
            }
            Arrays.sort(rates);
            Arrays.sort(cpuRates);
            System.out.printf("replay: %d lines, %.1f MiB%n", lines, replay.length / 1048576.0);
            System.out.printf("parse+detect: median %.0f lines/s (min %.0f, max %.0f) on one thread%n",
                    rates[rates.length / 2], rates[0], rates[rates.length - 1]);
            System.out.printf("parse+detect per CPU second of the thread: median %.0f lines/s (min %.0f, max %.0f)%n",
                    cpuRates[cpuRates.length / 2], cpuRates[0], cpuRates[cpuRates.length - 1]);
            double[] grep = new double[5];
            for (int i = 0; i < grep.length; i++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("grep", "-c", "Failed", tmp.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor();
                grep[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(grep);
            System.out.printf("grep -c Failed: median %.1f ms = %.0f lines/s%n", grep[2], lines / (grep[2] / 1000));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
