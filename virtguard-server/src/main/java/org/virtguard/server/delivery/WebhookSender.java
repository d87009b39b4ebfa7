package org.virtguard.server.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts JSON to a webhook, signed so the receiver can verify origin and freshness: header
 * {@code X-VirtGuard-Timestamp} (epoch seconds) and {@code X-VirtGuard-Signature: sha256=<hex>}, the
 * HMAC-SHA256 with the shared secret over {@code <timestamp>.<body>}.
 */
public final class WebhookSender implements MessageSender {

    private final URI url;
    private final byte[] secret;
    private final Clock clock;
    private final HttpClient http;

    /**
     * @param url    the receiver
     * @param secret the shared HMAC key; never logged
     */
    public WebhookSender(URI url, byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the webhook secret must have at least 16 bytes");
        }
        this.url = url;
        this.secret = secret.clone();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The signature header value of a body sent at {@code epochSeconds}. */
    public static String signature(byte[] secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Sends one message.
     *
     * @return whether the receiver accepted it (2xx)
     * @throws IOException when the receiver cannot be reached
     */
    @Override
    public boolean send(String json) throws IOException, InterruptedException {
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-VirtGuard-Timestamp", Long.toString(now))
                .header("X-VirtGuard-Signature", signature(secret, now, json))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "WebhookSender[" + url + "]";
    }
}
