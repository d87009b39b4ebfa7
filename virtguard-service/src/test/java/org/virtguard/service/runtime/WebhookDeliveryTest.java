package org.virtguard.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/**
 * Finding events recorded while no delivery ran (the service crashed after recording an evaluation) reach the
 * syslog collector when delivery starts again, once: the cursor kept next to the spool survives the restart.
 */
class WebhookDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path temp;

    private static Finding fail(String vm, Instant at) {
        return new Finding("zone-nic", new ResourceRef(ObjectType.VM, "uuid-" + vm, vm), CheckStatus.FAIL,
                Severity.HIGH, "vNIC in a forbidden zone", vm + "'s vNIC is in zone dmz", Map.of(), List.of(), at);
    }

    private static List<String> receive(DatagramSocket collector, int count) throws IOException {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
            collector.receive(packet);
            messages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
        return messages;
    }

    @Test
    void eventsRecordedBeforeDeliveryStartedAreDeliveredOnceAcrossRestarts() throws Exception {
        Path data = temp.resolve("data");
        try (Store store = Store.open(StoreConfig.embedded(data));
             DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(15_000);
            String target = "udp://127.0.0.1:" + collector.getLocalPort();
            store.findings().recordScan(List.of(fail("web01", T0)), List.of("zone-nic"), T0);
            store.findings().recordScan(List.of(fail("app01", T0)), List.of("zone-nic"), T0.plusSeconds(60));

            try (WebhookDelivery delivery = WebhookDelivery.syslog("syslog", target, "cef", data, store, null, m -> { })) {
                assertThat(receive(collector, 3)).satisfiesExactly(
                        m -> assertThat(m).contains("|finding.opened|").contains("cs2=uuid-web01"),
                        m -> assertThat(m).contains("|finding.opened|").contains("cs2=uuid-app01"),
                        m -> assertThat(m).contains("|finding.resolved|").contains("cs2=uuid-web01"));
            }
            assertThat(Files.readString(data.resolve("spool").resolve("syslog.findings.cursor")))
                    .isEqualTo(Long.toString(store.findings().lastChangeSeq()));

            try (WebhookDelivery restarted = WebhookDelivery.syslog("syslog", target, "cef", data, store, null, m -> { })) {
                collector.setSoTimeout(2_000);
                assertThatThrownBy(() -> receive(collector, 1)).as("nothing is delivered twice after a restart")
                        .isInstanceOf(SocketTimeoutException.class);
                collector.setSoTimeout(15_000);
                store.findings().recordScan(List.of(), List.of("zone-nic"), T0.plusSeconds(120));
                assertThat(receive(collector, 1)).singleElement().asString().contains("|finding.resolved|")
                        .contains("cs2=uuid-app01");
            }
        }
    }
}
