package org.virtguard.cli.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;

/**
 * Calls the running service's REST API as the owner of an API token (the caller's own permissions, checked and
 * audited by the service). Refused calls become one-line {@link CliException}s carrying the service's message.
 */
public final class ApiClient {

    /** The environment variable holding the caller's API token (never a command-line argument). */
    public static final String TOKEN_VARIABLE = "VIRTGUARD_TOKEN";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RESPONSE = 16 * 1024 * 1024;
    private static final int MAX_CA_FILE = 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** An approval carries the action out on the hypervisor before the service answers. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final String token;
    private final HttpClient http;

    private ApiClient(URI base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    /**
     * A client for the service at {@code base} with the token in {@code environment}.
     *
     * @param caFile PEM certificate authorities to trust instead of the system's, or {@code null}
     */
    public static ApiClient connect(URI base, Path caFile, Map<String, String> environment) {
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new CliException(ErrorCode.CREDENTIAL_UNAVAILABLE, "this command needs your API token in "
                    + TOKEN_VARIABLE + " (create one in the console or with POST /api/v1/tokens)", ExitCodes.USAGE);
        }
        if (token.strip().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new CliException(ErrorCode.CREDENTIAL_UNAVAILABLE, TOKEN_VARIABLE + " holds characters no API "
                    + "token has", ExitCodes.USAGE);
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (caFile != null) {
            builder.sslContext(trusting(caFile));
        }
        return new ApiClient(base, token.strip(), builder.build());
    }

    /** GET {@code path} (with its query), answering the JSON body. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).GET(), path);
    }

    /** POST a JSON body to {@code path}, answering the JSON body. */
    public JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), path);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE + 1);
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable("cannot connect");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toMinutes() + " minutes");
        } catch (SSLException e) {
            throw new CliException(ErrorCode.TLS_VERIFICATION_FAILED, "the service at " + base + " did not prove "
                    + "its identity (" + e.getMessage() + "); pass its CA with --ca-file");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
        if (body.length > MAX_RESPONSE) {
            throw new CliException(ErrorCode.INPUT_TOO_LARGE, "the service's answer to " + path + " is larger than "
                    + MAX_RESPONSE + " bytes");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && json != null) {
            return json;
        }
        throw refused(status, json, path);
    }

    private CliException refused(int status, JsonNode json, String path) {
        String message = json != null && json.path("message").isTextual() ? json.path("message").asText()
                : "HTTP " + status + " for " + path;
        message = message.replaceAll("[\\p{Cntrl}]", " ");
        if (message.length() > 500) {
            message = message.substring(0, 500) + "...";
        }
        return switch (status) {
            case 401 -> new CliException(ErrorCode.AUTHENTICATION_FAILED, "the service refused the API token in "
                    + TOKEN_VARIABLE + " (unknown, expired or revoked)", ExitCodes.USAGE);
            case 403 -> new CliException(ErrorCode.PERMISSION_DENIED, message, ExitCodes.USAGE);
            case 404 -> new CliException(ErrorCode.NOT_FOUND, message, ExitCodes.USAGE);
            case 400, 409, 422 -> new CliException(status == 409 ? ErrorCode.ACTION_FAILED : ErrorCode.INVALID_INPUT,
                    message, ExitCodes.USAGE);
            default -> new CliException(status == 503 ? ErrorCode.SOURCE_UNREACHABLE : ErrorCode.ACTION_FAILED,
                    "the service answered " + status + ": " + message);
        };
    }

    private CliException unreachable(String why) {
        return new CliException(ErrorCode.SOURCE_UNREACHABLE, "cannot reach the service at " + base + ": " + why
                + " (is virtguard serve running? name it with --server URL)");
    }

    private static SSLContext trusting(Path caFile) {
        try {
            if (Files.size(caFile) > MAX_CA_FILE) {
                throw new CliException(ErrorCode.INPUT_TOO_LARGE, "--ca-file " + caFile + " is larger than "
                        + MAX_CA_FILE + " bytes", ExitCodes.USAGE);
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, certificate);
                }
            }
            if (i == 0) {
                throw new CliException(ErrorCode.INVALID_INPUT, "--ca-file " + caFile + " holds no certificate",
                        ExitCodes.USAGE);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException(ErrorCode.INVALID_INPUT, "--ca-file " + caFile + ": " + e.getMessage(),
                    ExitCodes.USAGE);
        }
    }
}
