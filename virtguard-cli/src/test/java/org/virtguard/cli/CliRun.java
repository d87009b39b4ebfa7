package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;

/** Runs the {@code virtguard} command in-process and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Map<String, String> environment, String... args) {
        return run(Clock.systemUTC(), environment, args);
    }

    /** Runs with {@code clock} as the command's reference clock. */
    public static CliRun run(Clock clock, Map<String, String> environment, String... args) {
        CommandLine cli = VirtGuardCommand.commandLine(environment, clock);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with an empty environment, asserts the exit code, and returns {@code {out, err}}. */
    public static String[] runExpecting(int expectedExit, String... args) {
        CliRun run = run(Map.of(), args);
        assertThat(run.exitCode()).as("exit of %s%n%s", List.of(args), run).isEqualTo(expectedExit);
        return new String[] {run.out(), run.err()};
    }

    /** The exit code (short name used by some tests). */
    public int exit() {
        return exitCode;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
