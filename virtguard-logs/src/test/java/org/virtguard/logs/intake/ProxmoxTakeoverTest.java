package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;

/** Proxmox VE logs no address on success: a success after failures on the same account is still a takeover. */
class ProxmoxTakeoverTest {

    @Test
    void successAfterFailuresOnTheAccountIsCriticalEvenWithoutAnAddress() {
        LogPipeline p = Pipelines.offline(2024);
        for (int i = 0; i < 4; i++) {
            p.accept("Apr 12 09:15:0" + i + " pve1 pvedaemon[1542]: authentication failure; rhost=::ffff:198.51.100.23 user=root@pam msg=Authentication failure");
        }
        p.accept("Apr 12 09:15:20 pve1 pvedaemon[1542]: <root@pam> successful auth for user 'root@pam'");
        Alert top = p.detector().alerts().get(0);
        assertThat(top.kind()).isEqualTo("auth.takeover");
        assertThat(top.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(top.attributes()).containsEntry("precedingFailures", "4");
        assertThat(Pipelines.bruteForceFrom(p, "198.51.100.23")).isNotNull();
    }

    @Test
    void successWithoutEarlierFailuresRaisesNothing() {
        LogPipeline p = Pipelines.offline(2024);
        p.accept("Apr 12 09:15:20 pve1 pvedaemon[1542]: <root@pam> successful auth for user 'root@pam'");
        assertThat(p.detector().alerts()).isEmpty();
    }
}
