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

/**
 * The first login with a one-time password, as an operator does it: log in, get sent to the password page, set a new
 * password there.
 */
public final class FirstLogin {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private FirstLogin() {
    }

    /** Logs {@code user} in with {@code oneTime}, sets {@code next} on the password page and returns it. */
    public static String changePassword(String base, String user, String oneTime, String next)
            throws IOException, InterruptedException {
        HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(oneTime)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (!login.headers().firstValue("Location").orElse("").equals("/account/password")) {
            throw new IOException("the first login of " + user + " did not ask for a new password: "
                    + login.statusCode() + " " + login.headers().map());
        }
        String page = session.send(HttpRequest.newBuilder(URI.create(base + "/account/password")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF_META.matcher(page);
        if (!csrf.find()) {
            throw new IOException("no CSRF token on the password page: " + page);
        }
        HttpResponse<String> changed = session.send(HttpRequest.newBuilder(URI.create(base + "/account/password"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrf.group(1)) + "&currentPassword="
                        + encode(oneTime) + "&newPassword=" + encode(next) + "&confirmPassword=" + encode(next)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (changed.statusCode() != 200) {
            throw new IOException("changing the first password failed: " + changed.statusCode() + " " + changed.body());
        }
        return next;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
