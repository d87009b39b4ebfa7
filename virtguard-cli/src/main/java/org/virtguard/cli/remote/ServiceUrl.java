package org.virtguard.cli.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;
import org.virtguard.service.config.HttpConfig;

/** The base URL of the running service: from {@code --server}, or from the configuration's http listener. */
public final class ServiceUrl {

    private ServiceUrl() {
    }

    /**
     * The base URL without a trailing slash.
     *
     * @param option {@code --server}, or {@code null}
     * @param http   the configuration's http section
     */
    public static URI of(String option, HttpConfig http) {
        if (option != null) {
            return parse(option);
        }
        if (http.port() == 0) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "the configuration's http.port is 0 (any free port): "
                    + "name the service with --server URL", ExitCodes.USAGE);
        }
        String host = switch (http.bind()) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> http.bind().contains(":") && !http.bind().startsWith("[") ? "[" + http.bind() + "]"
                    : http.bind();
        };
        return parse((http.tls() == null ? "http" : "https") + "://" + host + ":" + http.port());
    }

    private static URI parse(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new URISyntaxException(text, "expected http:// or https:// and a host");
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(text, "no user, query or fragment allowed");
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return new URI(scheme, null, uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "--server: not a service URL: " + e.getReason(),
                    ExitCodes.USAGE);
        }
    }
}
