package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.SecurityPolicy;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.security.Role;

/** HTTPS from a PKCS#12 keystore: HSTS, and a Secure {@code __Host-} session cookie. */
class TlsServerTest {

    private static final String STORE_PASSWORD = "changeit-test-only";

    @TempDir
    Path temp;

    @Test
    void overTlsTheCookieIsSecureAndHstsIsSent() throws Exception {
        Path keystore = selfSignedKeystore();
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("data")))) {
            ServerContext context = ServerContext.of(store, Clock.systemUTC(), new PasswordHasher(256, 1, 1),
                    SecurityPolicy.defaults(), null, null, null, null);
            context.security().users().create("admin", Role.ADMIN, context.hasher().hash("pw".toCharArray()),
                    java.time.Instant.now());
            ServerSettings settings = new ServerSettings("127.0.0.1", 0,
                    new ServerSettings.Tls(keystore, STORE_PASSWORD.toCharArray()), null);
            try (VirtGuardServer server = new VirtGuardServer(settings, context).start()) {
                HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore))
                        .followRedirects(HttpClient.Redirect.NEVER).build();
                String base = server.baseUrl().replace("127.0.0.1", "localhost");
                HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                                + URLEncoder.encode("pw", StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(server.baseUrl()).startsWith("https://");
                assertThat(login.statusCode()).isEqualTo(303);
                assertThat(login.headers().firstValue("Strict-Transport-Security").orElseThrow()).contains("max-age=");
                assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
                        .startsWith("__Host-vg_session=").contains("Secure").contains("HttpOnly");
            }
        }
    }

    private Path selfSignedKeystore() throws Exception {
        Path keystore = temp.resolve("server.p12");
        Path passwordFile = temp.resolve("password");
        Files.writeString(passwordFile, STORE_PASSWORD);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "virtguard", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:file", passwordFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return keystore;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

}
