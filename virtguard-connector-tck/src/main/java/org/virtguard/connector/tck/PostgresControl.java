package org.virtguard.connector.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;


/**
 * Stops and starts the test PostgreSQL cluster that {@code ./run-tests} runs ({@code VIRTGUARD_PG_BIN},
 * {@code VIRTGUARD_PG_DATA}, {@code VIRTGUARD_PG_PORT}), with {@code pg_ctl} as the cluster's owner
 * ({@code runuser -u postgres} when running as root). Other tests share the server: whoever stops it must start it
 * again, also when the test fails.
 */
public final class PostgresControl {

    private final Path pgCtl;
    private final Path data;
    private final String port;

    private PostgresControl(Path pgCtl, Path data, String port) {
        this.pgCtl = pgCtl;
        this.data = data;
        this.port = port;
    }

    /** The control of the test cluster; skips (or fails in CI) when the variables do not name one. */
    public static PostgresControl fromEnvironment() {
        Map<String, String> env = System.getenv();
        String bin = env.get("VIRTGUARD_PG_BIN");
        String data = env.get("VIRTGUARD_PG_DATA");
        String port = env.get("VIRTGUARD_PG_PORT");
        boolean present = bin != null && data != null && port != null
                && Files.isExecutable(Path.of(bin, "pg_ctl")) && Files.isDirectory(Path.of(data));
        TestEnvironment.require(present, "the test PostgreSQL cluster to stop and start (VIRTGUARD_PG_BIN, "
                + "VIRTGUARD_PG_DATA, VIRTGUARD_PG_PORT from ./run-tests or /work/pg/env.export)");
        return new PostgresControl(Path.of(bin, "pg_ctl"), Path.of(data), port);
    }

    /** Stops the server (fast shutdown: open connections are ended) and waits until it is down. */
    public void stop() throws IOException, InterruptedException {
        pgCtl(List.of("-D", data.toString(), "-w", "-m", "fast", "stop"));
    }

    /** Starts the server on its port and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        pgCtl(List.of("-D", data.toString(), "-l", data.resolveSibling("postgres.log").toString(), "-o",
                "-p " + port, "-w", "-t", "60", "start"));
    }

    /** Whether the server runs ({@code pg_ctl status}). */
    public boolean running() throws IOException, InterruptedException {
        return run(List.of("-D", data.toString(), "status")).exit == 0;
    }

    private void pgCtl(List<String> arguments) throws IOException, InterruptedException {
        Result r = run(arguments);
        if (r.exit != 0) {
            throw new IOException("pg_ctl " + arguments + " exited with " + r.exit + ": " + r.output);
        }
    }

    private Result run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(pgCtl.toString());
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("pg_ctl did not finish: " + command);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }
}
