package org.virtguard.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;

/** One vcsim per test class, and the vSphere source that reaches it (pinned thumbprint, password in memory). */
abstract class VcsimLab {

    protected static VcsimServer vcsim;

    @BeforeAll
    static void startVcsim() throws Exception {
        vcsim = VcsimServer.start(List.of());
    }

    @AfterAll
    static void stopVcsim() {
        if (vcsim != null) {
            vcsim.close();
        }
    }

    /** The source as a service configures it, with the password given directly. */
    protected static ConfiguredSource source(String id) {
        String uri = "vsphere://" + VcsimServer.USER + "@127.0.0.1:" + vcsim.port() + "?thumbprint="
                + vcsim.sha256Thumbprint().replace(":", "");
        Credentials credentials = new Credentials() {
            @Override
            public Optional<String> username() {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> password() {
                return Optional.of(vcsim.password().toCharArray());
            }
        };
        return new ConfiguredSource(new SourceSpec(id, uri, Map.of()), credentials);
    }
}
