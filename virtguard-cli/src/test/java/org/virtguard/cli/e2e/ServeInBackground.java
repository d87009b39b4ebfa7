package org.virtguard.cli.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.cli.VirtGuardCommand;
import picocli.CommandLine;

/**
 * {@code virtguard serve} run as a user runs it, on a background thread of this JVM: the command line with the given
 * environment, its output captured, the URL, the intake ports and the first-run admin password read from what it
 * prints. Interrupting the thread stops the service as Ctrl-C would.
 */
public final class ServeInBackground implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("VirtGuard is serving (https?://\\S+?): ");
    private static final Pattern FLOWS = Pattern.compile("Flow intake: udp \\[(\\d+)");
    private static final Pattern SYSLOG = Pattern.compile("Syslog intake: udp (-?\\d+), tcp (-?\\d+)");
    private static final Pattern PASSWORD = Pattern.compile("created user 'admin' with password\\s+(\\S+)");
    private String adminPassword;
    private static final int RUNNING = Integer.MIN_VALUE;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(RUNNING);
    private final Thread thread;

    private ServeInBackground(Map<String, String> environment, List<String> arguments) {
        CommandLine cli = VirtGuardCommand.commandLine(environment, Clock.systemUTC());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        thread = new Thread(() -> exit.set(cli.execute(arguments.toArray(String[]::new))), "virtguard-serve");
        thread.setDaemon(true);
    }

    /**
     * Starts {@code virtguard <arguments>} and waits until it says where it serves.
     *
     * @throws AssertionError when it exits or says nothing within {@code startup}
     */
    public static ServeInBackground start(Map<String, String> environment, List<String> arguments, Duration startup)
            throws InterruptedException {
        ServeInBackground serve = new ServeInBackground(environment, arguments);
        serve.thread.start();
        long deadline = System.nanoTime() + startup.toNanos();
        while (!SERVING.matcher(serve.out()).find() || !serve.out().contains("Syslog intake")) {
            if (!serve.thread.isAlive() || System.nanoTime() > deadline) {
                serve.close();
                throw new AssertionError("virtguard serve did not report where it serves within " + startup + "\n"
                        + serve.transcript());
            }
            Thread.sleep(50);
        }
        return serve;
    }

    public String baseUrl() {
        return find(SERVING, 1);
    }

    public int flowPort() {
        return Integer.parseInt(find(FLOWS, 1));
    }

    public int syslogUdpPort() {
        return Integer.parseInt(find(SYSLOG, 1));
    }

    public int syslogTcpPort() {
        return Integer.parseInt(find(SYSLOG, 2));
    }

    /**
     * The admin's password: the one printed once on the first run, changed at the first call to a new one (the first
     * login must set one).
     */
    public synchronized String adminPassword() {
        if (adminPassword == null) {
            try {
                adminPassword = FirstLogin.changePassword(baseUrl(), "admin", find(PASSWORD, 1),
                        "rotated " + java.util.UUID.randomUUID());
            } catch (java.io.IOException e) {
                throw new AssertionError("first login: " + e.getMessage() + "\n" + transcript(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return adminPassword;
    }

    /** Whether the command is still serving. */
    public boolean running() {
        return thread.isAlive() && exit.get() == RUNNING;
    }

    public String out() {
        return out.toString();
    }

    /** Standard output and error, for failure messages. */
    public String transcript() {
        return "--- virtguard serve stdout ---\n" + out + "--- stderr ---\n" + err + "--- end ---";
    }

    private String find(Pattern pattern, int group) {
        Matcher m = pattern.matcher(out());
        if (!m.find()) {
            throw new AssertionError("virtguard serve did not print " + pattern + "\n" + transcript());
        }
        return m.group(group);
    }

    /** Stops the service (interrupt, as on Ctrl-C) and waits for the command to return. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(20).toMillis());
    }
}
