package org.virtguard.server;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client at its own loopback address (127.0.0.x: Linux routes all of 127/8 to lo, so the server sees a distinct
 * client address per source), with its own cookies, posting the console login form.
 */
final class LoginSource {

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    final String address;

    LoginSource(String base, String address) {
        this.base = base;
        this.address = address;
        try {
            this.http = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 127.0.0.{@code n}. */
    static LoginSource loopback(String base, int n) {
        return new LoginSource(base, "127.0.0." + n);
    }

    HttpResponse<String> login(String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Forgets the session cookie but keeps the device cookie (the browser was closed). */
    void closeBrowser() {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("vg_session"))
                .toList().forEach(c -> cookies.getCookieStore().remove(null, c));
    }

    /** The device cookie this browser holds, or {@code null}. */
    String deviceCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("vg_device"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Gives this browser a device cookie (copied from another, to move the owner's browser to a new address). */
    void setDeviceCookie(String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie("vg_device", value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
