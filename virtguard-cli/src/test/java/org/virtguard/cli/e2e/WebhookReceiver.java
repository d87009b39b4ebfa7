package org.virtguard.cli.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint on loopback that checks each POST the way a receiver should: the HMAC-SHA256 over
 * {@code <X-VirtGuard-Timestamp>.<body>} with the shared secret must equal {@code X-VirtGuard-Signature}
 * ({@code sha256=<hex>}). Bodies with a valid signature are kept; the others are answered 401 and counted.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final byte[] secret;
    private final HttpServer server;
    private final List<String> verified = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejected = new AtomicInteger();

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/hook", this::handle);
        server.start();
    }

    /** The URL to configure as the webhook. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Bodies received with a valid signature, in arrival order. */
    public List<String> verifiedBodies() {
        return List.copyOf(verified);
    }

    /** Requests whose signature was missing or wrong. */
    public int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-VirtGuard-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-VirtGuard-Signature");
            boolean valid = "POST".equals(exchange.getRequestMethod()) && timestamp != null && signature != null
                    && MessageDigest.isEqual(expected(timestamp, body).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
            if (valid) {
                verified.add(body);
            } else {
                rejected.incrementAndGet();
            }
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
        }
    }

    private String expected(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
