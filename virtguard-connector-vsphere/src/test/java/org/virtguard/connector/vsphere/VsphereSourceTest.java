package org.virtguard.connector.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.vsphere.soap.TlsPolicy;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.SourceSpec;

class VsphereSourceTest {

    private static VsphereSource parse(String uri, Map<String, String> options) throws ConnectorException {
        return VsphereSource.parse(new SourceSpec("vc", uri, options));
    }

    @Test
    void aPlainUriUsesPort443TheSdkPathAndTheSystemTrustStore() throws Exception {
        VsphereSource s = parse("vsphere://auditor@vc01.example.net", Map.of());
        assertThat(s.endpoint().toString()).isEqualTo("https://vc01.example.net:443/sdk");
        assertThat(s.user()).isEqualTo("auditor");
        assertThat(s.tls().mode()).isEqualTo(TlsPolicy.Mode.SYSTEM_TRUST);
    }

    @Test
    void aThumbprintFromTheQueryOrTheOptionsIsNormalised() throws Exception {
        String hex = "ab".repeat(32);
        VsphereSource fromQuery = parse("vsphere://u@127.0.0.1:8989?thumbprint=" + hex, Map.of());
        assertThat(fromQuery.endpoint().getPort()).isEqualTo(8989);
        assertThat(fromQuery.tls().thumbprint()).isEqualTo(("AB:".repeat(32)).substring(0, 95));
        VsphereSource fromOptions = parse("vsphere://u@127.0.0.1", Map.of("thumbprint", "AB:".repeat(19) + "AB"));
        assertThat(fromOptions.tls().thumbprint()).hasSize(59);
    }

    @Test
    void insecureIsOnlyEverExplicit() throws Exception {
        assertThat(parse("vsphere+insecure://u@h", Map.of()).tls().insecureMode()).isTrue();
        assertThat(parse("vsphere://u@h", Map.of("insecure", "true")).tls().insecureMode()).isTrue();
        assertThat(parse("vsphere://u@h", Map.of("insecure", "yes-please")).tls().insecureMode()).isFalse();
    }

    @Test
    void passwordsContradictionsAndMalformedThumbprintsAreRejected() {
        for (String uri : new String[] {"vsphere://u:secret@h", "vsphere://u@h?password=x", "vsphere:///nohost",
                "http://u@h", "vsphere://u@h?thumbprint=zz", "vsphere://u@h?thumbprint=" + "ab".repeat(32) + "&insecure=true"}) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> parse(uri, Map.of()));
            assertThat(e).as(uri).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SOURCE);
            assertThat(e.getMessage()).doesNotContain("secret");
        }
    }

    @Test
    void theFactoryAcceptsBothSchemesOnly() {
        VsphereConnectorFactory f = new VsphereConnectorFactory();
        assertThat(f.accepts(SourceSpec.of("vsphere://u@h"))).isTrue();
        assertThat(f.accepts(SourceSpec.of("VSPHERE+insecure://u@h"))).isTrue();
        assertThat(f.accepts(SourceSpec.of("qemu:///system"))).isFalse();
    }
}
