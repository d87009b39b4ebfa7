package org.virtguard.connector.vsphere.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtguard.model.ErrorCode;
import org.w3c.dom.Element;

/** The transport against a loopback HTTP server that answers with whatever a test needs, hostile included. */
class SoapTransportTest {

    private HttpServer server;
    private volatile String answer;
    private volatile int status = 200;
    private volatile boolean truncate;
    private final List<String> soapActions = new CopyOnWriteArrayList<>();
    private SoapTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sdk", ex -> {
            soapActions.add(ex.getRequestHeaders().getFirst("SOAPAction"));
            ex.getRequestBody().readAllBytes();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body, 0, truncate ? body.length / 2 : body.length);
            } catch (IOException ignored) {
                // the truncated answer closes early
            }
            ex.close();
        });
        server.start();
        transport = new SoapTransport(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sdk"), "8.0",
                TlsPolicy.systemTrust(), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
    }

    @Test
    void returnsTheReturnvalIgnoresUnknownFieldsAndSendsAVersionedSoapAction() throws Exception {
        answer = envelope("<CurrentTimeResponse xmlns=\"urn:vim25\"><returnval>2026-01-01T00:00:00Z</returnval>"
                + "<futureField>x</futureField></CurrentTimeResponse>");
        Element r = transport.call("CurrentTime", "<x/>");
        assertThat(Xml.text(r)).isEqualTo("2026-01-01T00:00:00Z");
        transport.useApiVersion("8.0.2.0");
        transport.call("CurrentTime", "<x/>");
        transport.useApiVersion("8.0\r\nX-Injected: 1");
        transport.call("CurrentTime", "<x/>");
        assertThat(soapActions).containsExactly("urn:vim25/8.0", "urn:vim25/8.0.2.0", "urn:vim25/8.0.2.0");
    }

    @Test
    void aFaultCarriesItsTypeFromXsiType() {
        status = 500;
        answer = envelope("<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>Cannot complete login"
                + "</faultstring><detail><InvalidLoginFault xmlns=\"urn:vim25\" xsi:type=\"InvalidLogin\"/></detail>"
                + "</soapenv:Fault>");
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> transport.call("Login", "<x/>"));
        assertThat(e.faultType()).isEqualTo("InvalidLogin");
        assertThat(e.getMessage()).isEqualTo("Cannot complete login");
    }

    @Test
    void aDoctypeIsRefusedAsHostile() {
        answer = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        TransportException e = catchThrowableOfType(TransportException.class, () -> transport.call("CurrentTime", "<x/>"));
        assertThat(e.code()).isEqualTo(ErrorCode.HOSTILE_INPUT);
    }

    @Test
    void aTruncatedAnswerIsALostConnection() {
        truncate = true;
        answer = envelope("<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>" + "<objects/>".repeat(2000)
                + "</returnval></RetrievePropertiesExResponse>");
        TransportException e = catchThrowableOfType(TransportException.class,
                () -> transport.call("RetrievePropertiesEx", "<x/>"));
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
        assertThat(e.getMessage()).contains("RetrievePropertiesEx").doesNotContain("\n");
    }

    @Test
    void anUnexpectedHttpStatusIsReported() {
        status = 503;
        answer = "busy";
        TransportException e = catchThrowableOfType(TransportException.class, () -> transport.call("CurrentTime", "<x/>"));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
        assertThat(e.getMessage()).contains("503");
    }

    @Test
    void requestBodiesEscapeTextAndSecrets() {
        String body = new SoapWriter("Login", new ManagedObjectRef("SessionManager", "SessionManager"))
                .text("userName", "a<b&c").secret("password", "p\"<>&'".toCharArray()).build();
        assertThat(body).contains("<userName>a&lt;b&amp;c</userName>")
                .contains("<password>p&quot;&lt;&gt;&amp;&apos;</password>")
                .contains("<_this type=\"SessionManager\">SessionManager</_this><userName>");
    }

    @Test
    void thumbprintsAreNormalisedAndValidated() {
        assertThat(CertificateThumbprint.normalise("ab cd" + "ef".repeat(18))).startsWith("AB:CD:EF");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> CertificateThumbprint.normalise("abc")))
                .isNotNull();
    }
}
