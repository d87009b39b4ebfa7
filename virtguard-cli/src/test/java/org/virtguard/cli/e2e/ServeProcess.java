package org.virtguard.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code virtguard serve --config FILE} as its own Java process (the test's class path), everything it prints, standard
 * output and error alike, captured in one file: what an operator's journal would hold. Closing stops it with SIGTERM.
 */
public final class ServeProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("VirtGuard is serving (https?://\\S+?): ");

    private final Process process;
    private final Path output;

    private ServeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts the service and waits until it says where it serves.
     *
     * @param environment added to this process's environment
     * @param output      the file that receives all it prints
     */
    public static ServeProcess start(Path config, Map<String, String> environment, Path output, Duration startup)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.virtguard.cli.VirtGuardCommand", "serve",
                "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        ServeProcess serve = new ServeProcess(builder.start(), output);
        long deadline = System.nanoTime() + startup.toNanos();
        while (!SERVING.matcher(serve.output()).find()) {
            if (!serve.process.isAlive() || System.nanoTime() > deadline) {
                serve.close();
                throw new AssertionError("virtguard serve did not report where it serves within " + startup + "\n"
                        + serve.output());
            }
            Thread.sleep(100);
        }
        return serve;
    }

    public String baseUrl() throws IOException {
        Matcher m = SERVING.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no URL in\n" + output());
        }
        return m.group(1);
    }

    public boolean running() {
        return process.isAlive();
    }

    /** Everything printed so far. */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Stops the service with SIGTERM (as systemd does) and waits for it; kills it after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
