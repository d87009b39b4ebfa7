package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.InventoryConnectorFactory;
import org.virtguard.spi.SourceSpec;

/** The factory's registration, the URIs it accepts, and how connection errors are reported. */
class FactoryAndSourceTest {

    private final LibvirtConnectorFactory factory = new LibvirtConnectorFactory();

    @Test
    void isRegisteredAsAServiceNamedLibvirt() {
        Optional<InventoryConnectorFactory> found = ServiceLoader.load(InventoryConnectorFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("libvirt")).findFirst();
        assertThat(found).containsInstanceOf(LibvirtConnectorFactory.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qemu:///system", "qemu+ssh://root@kvm01/system", "qemu+tls://kvm01.example.net/system",
            "qemu+tcp://10.0.0.5/system", "qemu+unix:///system?socket=/run/libvirt/libvirt-sock", "test:///default",
            "test:///srv/lab/host-a.xml", "xen:///system", "lxc:///system", "libvirt-dir:///var/backups/dumps",
            "QEMU+SSH://kvm02/system"})
    void acceptsLibvirtSchemes(String uri) {
        assertThat(factory.accepts(SourceSpec.of(uri))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vsphere://vc01", "https://kvm01", "qemu+http://kvm01/system", "esx://host", "kvm01", ""})
    void refusesOtherSchemes(String uri) {
        assertThat(factory.accepts(new SourceSpec("x", uri, Map.of()))).isFalse();
    }

    @Test
    void opensTheOfflineConnectorForDirectories() throws Exception {
        try (InventoryConnector c = factory.open(SourceSpec.of("libvirt-dir:///tmp"), Credentials.none())) {
            assertThat(c).isInstanceOf(LibvirtDirectoryConnector.class);
        }
    }

    @Test
    void malformedUriIsAnInvalidSource() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> factory.open(new SourceSpec("bad", "qemu+ssh://kvm 01/system", Map.of()), Credentials.none()));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SOURCE);
        assertThat(e.getMessage()).startsWith("libvirt source 'bad' (qemu+ssh://kvm 01/system): malformed URI");
    }

    @Test
    void missingTestDriverFileIsUnreachable() throws Exception {
        LibvirtTestSupport.requireLibvirt();
        try (InventoryConnector c = factory.open(new SourceSpec("lab-x", "test:///nonexistent/lab/host-x.xml",
                Map.of()), Credentials.none())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, c::collect);
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).isEqualTo("libvirt source 'lab-x' (test:///nonexistent/lab/host-x.xml): "
                    + "cannot connect: test driver file /nonexistent/lab/host-x.xml does not exist");
        }
    }

    @Test
    void refusedConnectionIsUnreachableWithLibvirtsMessageAndNoSecrets() throws Exception {
        LibvirtTestSupport.requireLibvirt();
        SourceSpec spec = new SourceSpec("kvm01", "qemu+tcp://operator:hunter2@127.0.0.1:1/system", Map.of());
        Credentials creds = new Credentials() {
            @Override
            public Optional<String> username() {
                return Optional.of("operator");
            }

            @Override
            public Optional<char[]> password() {
                return Optional.of("s3cr3t-pass".toCharArray());
            }
        };
        try (InventoryConnector c = factory.open(spec, creds)) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, c::collect);
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).startsWith("libvirt source 'kvm01' (qemu+tcp://127.0.0.1:1/system): cannot connect: ")
                    .doesNotContain("hunter2").doesNotContain("s3cr3t-pass").doesNotContain("\n");
        }
    }

    @Test
    void unknownOptionValuesAreInvalidSources() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> factory.open(
                new SourceSpec("x", "test:///default", Map.of("address-source", "dns")), Credentials.none()));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SOURCE);
        ConnectorException n = catchThrowableOfType(ConnectorException.class, () -> factory.open(
                new SourceSpec("x", "libvirt-dir:///tmp", Map.of("max-files", "many")), Credentials.none()));
        assertThat(n.code()).isEqualTo(ErrorCode.INVALID_SOURCE);
    }

    @Test
    void describesSourcesWithoutUserInfo() throws Exception {
        LibvirtSource s = LibvirtSource.parse(SourceSpec.of("qemu+ssh://admin@kvm01.example.net/system"));
        assertThat(s.displayUri()).isEqualTo("qemu+ssh://kvm01.example.net/system");
        assertThat(s.uriHost()).isEqualTo("kvm01.example.net");
        assertThat(s.hostId()).isEqualTo("libvirt:qemu+ssh://kvm01.example.net/system");
        assertThat(LibvirtSource.parse(SourceSpec.of("test:///srv/lab/host-a.xml")).testFile())
                .hasToString("/srv/lab/host-a.xml");
        assertThat(LibvirtSource.parse(SourceSpec.of("test:///default")).testFile()).isNull();
    }

    @Test
    void backoffDoublesUpToTheMaximumAndResets() {
        Backoff b = new Backoff(1000, 60_000);
        List<Long> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            delays.add(b.nextDelayMillis());
        }
        assertThat(delays).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L);
        b.reset();
        assertThat(b.nextDelayMillis()).isEqualTo(1000L);
    }
}
