package org.virtguard.flows.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcNetUdpTest {

    private static final String HEADER = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode ref pointer drops\n";

    private static String row(String local, long inode, String drops) {
        return "  12: " + local + " 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 " + inode
                + " 2 0000000000000000 " + drops + "\n";
    }

    @TempDir
    Path dir;

    @Test
    void readsTheDropsColumnOfTheSocketOnThePortAcrossV4AndV6Tables() throws IOException {
        Path v4 = Files.writeString(dir.resolve("udp"), HEADER + row("0100007F:0807", 11, "3")
                + row("0100007F:0808", 12, "42"));
        Path v6 = Files.writeString(dir.resolve("udp6"), HEADER
                + row("0000000000000000FFFF00000100007F:0809", 13, "7"));
        ProcNetUdp proc = new ProcNetUdp(List.of(v4, v6), dir.resolve("no-fds"));

        assertThat(proc.drops(0x0808)).hasValue(42);
        assertThat(proc.drops(0x0809)).hasValue(7);
        assertThat(proc.drops(0x0807)).hasValue(3);
    }

    @Test
    void missingTablesOrAnUnlistedPortAreNotAvailableRatherThanZero() throws IOException {
        Path v4 = Files.writeString(dir.resolve("udp"), HEADER + row("0100007F:0808", 12, "0"));

        assertThat(new ProcNetUdp(List.of(dir.resolve("absent")), dir).drops(2055)).isEmpty();
        assertThat(new ProcNetUdp(List.of(v4), dir).drops(2055)).isEmpty();
        assertThat(new SocketDrops(2055, new ProcNetUdp(List.of(v4), dir).drops(2055)).toString())
                .isEqualTo("UDP port 2055 kernel drops not available");
        assertThat(new ProcNetUdp(List.of(v4), dir).drops(0x0808)).hasValue(0);
    }

    @Test
    void malformedRowsAreSkipped() throws IOException {
        Path v4 = Files.writeString(dir.resolve("udp"), HEADER
                + "  1: 0100007F:0808 truncated\n"
                + row("0100007F:zzzz", 1, "5")
                + row("0100007F:0808", 2, "-4")
                + row("0100007F:0808", 3, "many")
                + "garbage without columns\n\n");

        assertThat(new ProcNetUdp(List.of(v4), dir).drops(0x0808)).isEmpty();
    }

    @Test
    void onlyThisProcessesSocketsCountWhenItsDescriptorsAreKnown() {
        String line = row("0100007F:0808", 77, "9");

        assertThat(ProcNetUdp.rowDrops(line, 0x0808, Set.of(77L))).isEqualTo(9);
        assertThat(ProcNetUdp.rowDrops(line, 0x0808, Set.of(78L))).isEqualTo(-1);
        assertThat(ProcNetUdp.rowDrops(line, 0x0808, Set.of())).isEqualTo(9);
        assertThat(ProcNetUdp.rowDrops(line, 0x0809, Set.of())).isEqualTo(-1);
    }
}
