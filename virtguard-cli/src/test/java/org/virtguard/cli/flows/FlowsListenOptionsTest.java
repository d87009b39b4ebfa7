package org.virtguard.cli.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.CliRun;

/** {@code flows listen} refuses collector settings it cannot honour before it binds anything. */
class FlowsListenOptionsTest {

    @TempDir
    Path temp;

    @Test
    void anUnsupportedNumberOfDecodeThreadsIsRefused() {
        CliRun run = CliRun.run("--data-dir", temp.toString(), "flows", "listen", "--port", "0",
                "--decode-threads", "5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("decode");
    }
}
