package org.virtguard.service.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Threads for the service's background work (policy evaluation and its recording, writes to the store, delivery,
 * re-syncs, retention). On Linux each lowers its own scheduling priority (nice {@value #NICENESS}) when it starts,
 * so that on a loaded machine a re-evaluation of a large inventory takes CPU time from nothing that must keep up
 * with the network: the flow and syslog receivers keep the normal priority. Elsewhere, or where {@code renice} is
 * missing, the threads simply run at the normal priority.
 */
public final class BackgroundThreads {

    static final int NICENESS = 10;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private BackgroundThreads() {
    }

    /** A factory of daemon threads named {@code name} that lower their priority before their first task. */
    public static ThreadFactory named(String name) {
        return work -> {
            Thread t = new Thread(() -> {
                lowerPriority();
                work.run();
            }, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A started daemon thread named {@code name} running {@code work} at the lower priority. */
    public static Thread start(Runnable work, String name) {
        Thread t = named(name).newThread(work);
        t.start();
        return t;
    }

    /** Lowers the calling thread's priority; returns whether that worked. */
    static boolean lowerPriority() {
        if (!Files.isSymbolicLink(THREAD_SELF)) {
            return false;
        }
        try {
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(NICENESS), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
