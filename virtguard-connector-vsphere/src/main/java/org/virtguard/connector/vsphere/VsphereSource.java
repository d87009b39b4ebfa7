package org.virtguard.connector.vsphere;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.virtguard.connector.vsphere.soap.TlsPolicy;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.SourceSpec;

/**
 * A parsed {@code vsphere://user@host[:port][/sdk][?thumbprint=..|ca-file=..|insecure=true]} source. Options may
 * also come from the source configuration ({@code thumbprint}, {@code ca-file}, {@code insecure}). The scheme
 * {@code vsphere+insecure://} is the same as {@code insecure=true}.
 *
 * @param endpoint the SDK URL
 * @param user     the user named in the URI, or {@code null}
 * @param tls      how the certificate is verified
 */
public record VsphereSource(URI endpoint, String user, TlsPolicy tls) {

    /** The URI schemes this connector reads. */
    public static final String SCHEME = "vsphere";
    public static final String INSECURE_SCHEME = "vsphere+insecure";

    /** Parses a source, rejecting malformed URIs and contradictory TLS options with {@code INVALID_SOURCE}. */
    public static VsphereSource parse(SourceSpec spec) throws ConnectorException {
        URI uri;
        try {
            uri = new URI(spec.uri());
        } catch (URISyntaxException e) {
            throw invalid(spec, "not a valid URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals(SCHEME) && !scheme.equals(INSECURE_SCHEME)) {
            throw invalid(spec, "the scheme must be vsphere:// or vsphere+insecure://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(spec, "no host name; expected vsphere://user@host[:port]");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw invalid(spec, "the URI must not contain a password; give it through an environment variable or file");
        }
        String user = userInfo == null ? null : URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
        Map<String, String> options = new HashMap<>(query(uri));
        options.putAll(spec.options());
        for (String key : options.keySet()) {
            if (key.matches("(?i)password|passwd|pwd|secret|token")) {
                throw invalid(spec, "the source must not carry a password option");
            }
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()) ? "/sdk" : uri.getPath();
        int port = uri.getPort() > 0 ? uri.getPort() : 443;
        String hostPart = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        URI endpoint = URI.create("https://" + hostPart + ":" + port + path);
        return new VsphereSource(endpoint, user == null || user.isEmpty() ? null : user,
                tls(spec, options, scheme.equals(INSECURE_SCHEME)));
    }

    private static TlsPolicy tls(SourceSpec spec, Map<String, String> options, boolean insecureScheme)
            throws ConnectorException {
        boolean insecure = insecureScheme || "true".equalsIgnoreCase(options.get("insecure"));
        String thumbprint = options.get("thumbprint");
        String caFile = options.get("ca-file");
        int chosen = (insecure ? 1 : 0) + (thumbprint != null ? 1 : 0) + (caFile != null ? 1 : 0);
        if (chosen > 1) {
            throw invalid(spec, "choose one of thumbprint, ca-file and insecure");
        }
        if (thumbprint != null) {
            try {
                return TlsPolicy.thumbprint(thumbprint);
            } catch (IllegalArgumentException e) {
                throw invalid(spec, e.getMessage());
            }
        }
        if (caFile != null) {
            Path p = Path.of(caFile);
            if (!Files.isReadable(p)) {
                throw invalid(spec, "the CA bundle " + p + " cannot be read");
            }
            return TlsPolicy.caFile(p);
        }
        return insecure ? TlsPolicy.insecure() : TlsPolicy.systemTrust();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("[&;]")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static ConnectorException invalid(SourceSpec spec, String why) {
        return new ConnectorException(ErrorCode.INVALID_SOURCE, spec.id(), "source " + spec.id() + ": " + why);
    }
}
