package org.virtguard.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;

/** Background threads run below the receivers' priority; the caller's own thread is left alone. */
class BackgroundThreadsTest {

    @Test
    void aBackgroundThreadRunsItsWorkAtALowerPriority() throws Exception {
        TestEnvironment.require(Files.isSymbolicLink(Path.of("/proc/thread-self")) && Files.isExecutable(
                Path.of("/usr/bin/renice")), "Linux /proc/thread-self and renice (util-linux)");
        AtomicInteger inside = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = BackgroundThreads.start(() -> inside.set(niceOfThisThread()), "virtguard-test-background");
        t.join(10_000);

        assertThat(inside.get()).isEqualTo(BackgroundThreads.NICENESS);
        assertThat(t.isDaemon()).isTrue();
        assertThat(niceOfThisThread()).as("the calling thread keeps its priority").isZero();
    }

    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
