package org.virtguard.connector.vsphere.soap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.virtguard.model.ErrorCode;
import org.virtguard.xml.SafeXml;
import org.virtguard.xml.XmlInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Posts vim25 SOAP calls over the JDK HTTP client, keeps the session cookie, bounds and safely parses each
 * answer, and turns SOAP faults into {@link SoapFaultException}s. Request bodies are never logged or put in
 * messages because a login body holds a password.
 */
public final class SoapTransport implements AutoCloseable {

    /** The largest answer accepted: 64 MiB. */
    public static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

    private final URI endpoint;
    private volatile String soapAction;
    private final HttpClient http;
    private final Duration callTimeout;
    private final SafeXml xml = SafeXml.withMaxBytes(MAX_RESPONSE_BYTES);

    /**
     * @param endpoint    the SDK URL, e.g. {@code https://vc01:443/sdk}
     * @param apiVersion  the vim25 version sent in the SOAPAction header ({@code urn:vim25/<version>})
     * @param tls         how the server certificate is verified
     * @param callTimeout the longest a single call may take
     * @throws TransportException when the TLS policy cannot be set up (unreadable CA bundle)
     */
    public SoapTransport(URI endpoint, String apiVersion, TlsPolicy tls, Duration connectTimeout, Duration callTimeout)
            throws TransportException {
        this.endpoint = endpoint;
        this.soapAction = "urn:vim25/" + apiVersion;
        this.callTimeout = callTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER));
        if ("https".equalsIgnoreCase(endpoint.getScheme())) {
            try {
                builder.sslContext(tls.sslContext());
            } catch (IOException | GeneralSecurityException e) {
                throw new TransportException(ErrorCode.INVALID_CONFIG, "cannot set up TLS with " + tls.describe() + ": "
                        + oneLine(e.getMessage()), e);
            }
        }
        this.http = builder.build();
    }

    /** Sends later calls with {@code urn:vim25/<version>}, the version the server announced. */
    public void useApiVersion(String apiVersion) {
        if (apiVersion != null && apiVersion.matches("[0-9][0-9.]{0,15}")) {
            this.soapAction = "urn:vim25/" + apiVersion;
        }
    }

    /** The SDK URL calls go to. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Sends one call and returns the first element inside the response element ({@code returnval}), the response
     * element itself when the call returns nothing.
     *
     * @throws SoapFaultException when the server answers with a fault
     * @throws TransportException when the call cannot be completed or the answer is unreadable
     */
    public Element call(String method, String body) throws SoapFaultException, TransportException {
        return call(method, body, callTimeout);
    }

    /** As {@link #call(String, String)}, with an explicit timeout (for long polls). */
    public Element call(String method, String body, Duration timeout) throws SoapFaultException, TransportException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", soapAction)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        Document doc;
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, BoundedBody.handler(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status != 200 && status != 500) {
                throw new TransportException(status == 401 || status == 403 ? ErrorCode.AUTHENTICATION_FAILED
                        : ErrorCode.SOURCE_UNREACHABLE, method + ": HTTP status " + status + " from " + endpoint, null);
            }
            doc = xml.parse(response.body(), method + " response from " + endpoint);
        } catch (XmlInputException e) {
            ErrorCode code = e.reason() == XmlInputException.Reason.TOO_LARGE ? ErrorCode.INPUT_TOO_LARGE
                    : e.reason() == XmlInputException.Reason.HOSTILE ? ErrorCode.HOSTILE_INPUT
                    : ErrorCode.CONNECTION_LOST;
            throw new TransportException(code, oneLine(e.getMessage()), e);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new TransportException(ErrorCode.CONNECTION_LOST, method + " to " + endpoint + " timed out after "
                    + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BoundedBody.TooLarge tooLarge) {
                throw new TransportException(ErrorCode.INPUT_TOO_LARGE, method + " response from " + endpoint + ": "
                        + tooLarge.getMessage(), tooLarge);
            }
            IOException io = cause instanceof IOException i ? i : new IOException(cause);
            throw classify(method, io);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException(ErrorCode.CONNECTION_LOST, method + " to " + endpoint + " was interrupted", e);
        }
        return unwrap(method, doc);
    }

    private Element unwrap(String method, Document doc) throws SoapFaultException, TransportException {
        Element envelope = doc.getDocumentElement();
        Element body = envelope == null ? null : firstNs(envelope, SOAP_ENV, "Body");
        Element first = body == null ? null : Xml.children(body).stream().findFirst().orElse(null);
        if (first == null) {
            throw new TransportException(ErrorCode.INVALID_INPUT, method + ": the answer from " + endpoint
                    + " has no SOAP body", null);
        }
        if ("Fault".equals(Xml.localName(first))) {
            String faultString = Xml.text(Xml.child(first, "faultstring"));
            Element detail = Xml.child(first, "detail");
            String faultType = null;
            for (Element d : Xml.children(detail)) {
                faultType = Xml.type(d);
                if (faultType == null) {
                    faultType = Xml.localName(d).replaceFirst("Fault$", "");
                }
                break;
            }
            throw new SoapFaultException(faultType, oneLine(faultString == null ? "fault without a message" : faultString));
        }
        Element returnval = Xml.child(first, "returnval");
        return returnval != null ? returnval : first;
    }

    private TransportException classify(String method, IOException e) {
        String where = method + " to " + endpoint;
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e.getCause() instanceof ConnectException) {
            return new TransportException(ErrorCode.SOURCE_UNREACHABLE, "cannot connect to " + endpoint + ": "
                    + oneLine(String.valueOf(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())), e);
        }
        if (e instanceof SSLHandshakeException || e instanceof SSLException) {
            return new TransportException(ErrorCode.TLS_VERIFICATION_FAILED, "TLS verification of " + endpoint
                    + " failed: " + rootMessage(e), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new TransportException(ErrorCode.CONNECTION_LOST, where + " timed out", e);
        }
        return new TransportException(ErrorCode.CONNECTION_LOST, "connection to " + endpoint + " lost during " + method
                + ": " + rootMessage(e), e);
    }

    private static Element firstNs(Element parent, String ns, String local) {
        for (Element e : Xml.children(parent)) {
            if (ns.equals(e.getNamespaceURI()) && local.equals(Xml.localName(e))) {
                return e;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
        return oneLine(m);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() > 400 ? flat.substring(0, 400) + "..." : flat;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
