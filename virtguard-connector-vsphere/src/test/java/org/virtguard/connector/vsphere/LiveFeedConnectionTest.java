package org.virtguard.connector.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.vsphere.vcsim.TestCredentials;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.SourceSpec;

/** A vCenter that disappears: the feed reports the loss, and the next collection fails cleanly. */
class LiveFeedConnectionTest {

    @Test
    void aVcenterThatDiesIsReportedAsALostConnection() throws Exception {
        try (VcsimServer vcsim = VcsimServer.start(1, 0, 1)) {
            SourceSpec spec = new SourceSpec("vc-dies", vcsim.sourceUri(), Map.of("thumbprint", vcsim.sha256Thumbprint()));
            RecordingListener listener = new RecordingListener();
            try (InventoryConnector c = new VsphereConnectorFactory().open(spec,
                    new TestCredentials(null, vcsim.password()))) {
                assertThat(c.collect().vms()).isNotEmpty();
                LiveFeed feed = c.watch(listener).orElseThrow();
                assertThat(RecordingListener.await(feed::connected, 20_000)).isTrue();

                vcsim.kill();

                assertThat(RecordingListener.await(() -> !listener.lost.isEmpty(), 20_000)).isTrue();
                assertThat(feed.connected()).isFalse();
                assertThat(listener.lost.get(0)).contains("vc-dies");
                ConnectorException e = catchThrowableOfType(ConnectorException.class, c::collect);
                assertThat(e.code()).isIn(ErrorCode.CONNECTION_LOST, ErrorCode.SOURCE_UNREACHABLE);
                assertThat(e.getMessage()).doesNotContain(vcsim.password());
            }
        }
    }
}
