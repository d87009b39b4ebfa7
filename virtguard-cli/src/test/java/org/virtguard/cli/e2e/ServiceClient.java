package org.virtguard.cli.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API as an operator's script uses it: logs in through the console form once, creates an API token with
 * that session (CSRF token from the page), and then calls the API with {@code Authorization: Bearer}.
 */
public final class ServiceClient {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ServiceClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Logs {@code user} in and creates an admin API token with read and metrics scopes. */
    public static ServiceClient login(String base, String user, String password)
            throws IOException, InterruptedException {
        HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password="
                        + encode(password))).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 303 || login.headers().firstValue("Location").orElse("").contains("login")) {
            throw new IOException("console login as " + user + " failed: " + login.statusCode() + " "
                    + login.headers().map() + " " + login.body());
        }
        String page = session.send(HttpRequest.newBuilder(URI.create(base + "/alerts")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF_META.matcher(page);
        if (!csrf.find()) {
            throw new IOException("no CSRF token on the console page: " + page);
        }
        HttpResponse<String> created = session.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", csrf.group(1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"e2e\", \"role\": \"admin\", \"scopes\": "
                        + "[\"read\", \"metrics\"], \"expiresInDays\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("POST /api/v1/tokens: " + created.statusCode() + " " + created.body());
        }
        return new ServiceClient(base, JSON.readTree(created.body()).path("token").asText());
    }

    /** The API token this client sends. */
    public String token() {
        return token;
    }

    /** GET with the token; the answer whatever its status. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET without credentials (health, readiness, login page). */
    public HttpResponse<String> getAnonymous(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with the token, expecting 200 and JSON. */
    public JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** GET with the token, expecting 200; the body. */
    public String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    public static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
