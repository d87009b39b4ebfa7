package org.virtguard.cli.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.cli.VirtGuardCommand;

/**
 * {@code virtguard serve --config FILE} in a JVM of its own (this test's class path), so it can be killed with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) as an operator's {@code kill -9} or a crash would.
 */
final class ServiceJvm implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("VirtGuard is serving (https?://\\S+?): ");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ServiceJvm(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    /** Starts the service and waits until it says where it serves. */
    static ServiceJvm start(Path config, Map<String, String> environment, Duration startup)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), VirtGuardCommand.class.getName(), "serve", "--config",
                config.toString()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        ServiceJvm jvm = new ServiceJvm(pb.start());
        long deadline = System.nanoTime() + startup.toNanos();
        while (jvm.baseUrlOrNull() == null) {
            if (!jvm.process.isAlive() || System.nanoTime() > deadline) {
                jvm.close();
                throw new AssertionError("the service did not start within " + startup + ":\n" + jvm.transcript());
            }
            Thread.sleep(100);
        }
        return jvm;
    }

    String baseUrl() {
        return baseUrlOrNull();
    }

    private String baseUrlOrNull() {
        for (String line : output) {
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    String transcript() {
        return String.join("\n", output);
    }

    /** SIGKILL: no shutdown hook, no final flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
