package org.virtguard.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.model.ErrorCode;
import org.virtguard.server.api.AdminApi;
import org.virtguard.server.api.AlertsApi;
import org.virtguard.server.api.ResponsesApi;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.AuditApi;
import org.virtguard.server.api.InventoryApi;
import org.virtguard.server.api.OpenApiDocument;
import org.virtguard.server.api.PolicyApi;
import org.virtguard.server.api.ReadinessCallers;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.api.SystemApi;
import org.virtguard.server.metrics.PrometheusWriter;
import org.virtguard.server.query.InventoryQueries;
import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.server.readiness.Readiness;
import org.virtguard.server.readiness.ReadinessView;
import org.virtguard.server.readiness.StoreProbe;
import org.virtguard.server.web.ResponsePages;
import org.virtguard.server.web.AlertPages;
import org.virtguard.server.web.AuditPage;
import org.virtguard.server.web.DashboardPage;
import org.virtguard.server.web.Html;
import org.virtguard.server.web.InventoryPages;
import org.virtguard.server.web.LoginPages;
import org.virtguard.server.web.PolicyPages;
import org.virtguard.store.InventoryJson;

/**
 * VirtGuard's HTTP server: the REST API under {@code /api/v1}, the web console, {@code /metrics},
 * {@code /healthz} (liveness) and {@code /readyz} (readiness; also under their older names {@code /health} and
 * {@code /ready}). While the store cannot be reached, calls that need
 * it answer 503 {@code STORE_UNAVAILABLE} within the pool's two-second connection timeout. Every route is declared in {@link #routes()} with its access rule; nothing but
 * the health and readiness probes, the login form and the console's static assets answers without authentication.
 */
public final class VirtGuardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtGuardServer.class);
    private static final String VERSION = "1";
    private static final java.time.Duration PROBE_INTERVAL = java.time.Duration.ofSeconds(1);

    private final ServerSettings settings;
    private final ServerContext context;
    private final List<ApiRoute> routes;
    private final StoreErrors storeErrors = new StoreErrors(LOG);
    private StoreProbe ownProbe;
    private ReadinessCallers readinessCallers;
    private volatile ReadinessView ownReadiness;
    private Javalin app;

    public VirtGuardServer(ServerSettings settings, ServerContext context) {
        this.settings = settings;
        this.context = context;
        this.routes = Collections.unmodifiableList(buildRoutes());
    }

    /** Every route with its access rule, in registration order. */
    public List<ApiRoute> routes() {
        return routes;
    }

    /** The session cookie's name: {@code __Host-vg_session} on TLS, {@code vg_session} otherwise. */
    public String sessionCookie() {
        return settings.tls() != null ? "__Host-vg_session" : "vg_session";
    }

    private List<ApiRoute> buildRoutes() {
        InventoryQueries queries = new InventoryQueries(context);
        InventoryApi inventory = new InventoryApi(context, queries);
        List<ApiRoute> all = new ArrayList<>();
        readinessCallers = new ReadinessCallers(context.authenticator(), context.clock(), sessionCookie());
        all.addAll(new SystemApi(new PrometheusWriter(context.store(), context.metrics()),
                () -> OpenApiDocument.of(routes, VERSION), this::readiness, readinessCallers).routes());
        all.addAll(inventory.routes());
        all.addAll(new org.virtguard.server.api.InventoryExportApi(context).routes());
        all.addAll(new AlertsApi(context).routes());
        all.addAll(new AuditApi(context).routes());
        all.addAll(new org.virtguard.server.api.BackupApi(context).routes());
        all.addAll(new AdminApi(context).routes());
        all.addAll(new org.virtguard.server.api.PasswordApi(context).routes());
        all.addAll(new PolicyApi(context).routes());
        all.addAll(new ResponsesApi(context).routes());
        all.addAll(new LoginPages(context.authenticator(), context.security().audit(), context.clock(), sessionCookie(),
                settings.tls() != null).routes());
        all.addAll(new org.virtguard.server.web.AccountPages(context).routes());
        all.addAll(new DashboardPage(queries).routes());
        all.addAll(new InventoryPages(queries, inventory, context).routes());
        all.addAll(new AlertPages(context.store(), context.clock()).routes());
        all.addAll(new AuditPage(context.security().audit(), context::auditCheck).routes());
        all.addAll(new ResponsePages(context).routes());
        all.addAll(new org.virtguard.server.web.AdminPages(context).routes());
        all.addAll(new PolicyPages(context.policy(), context.flows()).routes());
        return all;
    }

    private Map<String, ComponentStatus> readiness() {
        ReadinessView view = context.readiness().orElse(ownReadiness);
        return view == null ? Map.of() : view.components();
    }

    /** Starts listening; returns once the port is bound. */
    public VirtGuardServer start() {
        if (context.readiness().isEmpty()) {
            ownProbe = new StoreProbe(context.store(), context.clock(), PROBE_INTERVAL, LOG::warn);
            StoreProbe probe = ownProbe;
            ownReadiness = new Readiness().component("store", probe::status);
        }
        ObjectMapper mapper = InventoryJson.newMapper();
        RouteGuard guard = new RouteGuard(context.authenticator(), context.security().audit(), context.clock(),
                sessionCookie());
        boolean tls = settings.tls() != null;
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = 1_000_000L;
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            config.jetty.addConnector((server, http) -> connector(server, http));
        });
        app.before(ctx -> {
            ctx.attribute("virtguard.start", System.nanoTime());
            SecurityHeaders.apply(ctx, tls);
        });
        app.after(ctx -> {
            Long start = ctx.attribute("virtguard.start");
            if (start != null) {
                context.metrics().request(ctx.statusCode(), System.nanoTime() - start);
            }
        });
        for (ApiRoute route : routes) {
            app.addHttpHandler(route.method(), route.path(), guard.guard(route));
            if (route.method() == io.javalin.http.HandlerType.GET) {
                // HEAD is answered like GET, credentials and all (without this Javalin answers it unguarded)
                app.addHttpHandler(io.javalin.http.HandlerType.HEAD, route.path(), guard.guard(route));
            }
        }
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            if (storeErrors.isDiskFull(e)) {
                storeErrors.reportDiskFull(ctx.method() + " " + ctx.path(), e);
                error(ctx, 503, ErrorCode.STORE_DISK_FULL.name(), StoreErrors.DISK_FULL_MESSAGE);
                return;
            }
            if (storeErrors.isStoreUnavailable(e)) {
                storeErrors.report(ctx.method() + " " + ctx.path(), e);
                error(ctx, 503, ErrorCode.STORE_UNAVAILABLE.name(), StoreErrors.MESSAGE);
                return;
            }
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, ErrorCode.INTERNAL.name(), "internal error; see the server log");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, ErrorCode.NOT_FOUND.name(), "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, ErrorCode.INVALID_INPUT.name(), "method not allowed"));
        app.start();
        return this;
    }

    private ServerConnector connector(Server server, HttpConfiguration http) {
        return Connectors.connector(settings, server, http);
    }

    private static void error(Context ctx, int status, String code, String message) {
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics") || !acceptsHtml(ctx)) {
            ctx.status(status).json(Map.of("code", code, "message", message));
        } else {
            ctx.status(status).html("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + status + " · VirtGuard</title><link rel=\"stylesheet\" href=\"/static/console.css\"></head><body>"
                    + "<main><h1>" + status + "</h1><p>" + Html.esc(message) + "</p><p><a href=\"/\">Dashboard</a></p>"
                    + "</main></body></html>");
        }
    }

    private static boolean acceptsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    /** The console's base URL, e.g. {@code http://127.0.0.1:8443}. */
    public String baseUrl() {
        String host = settings.bindAddress().contains(":") ? "[" + settings.bindAddress() + "]" : settings.bindAddress();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return (settings.tls() != null ? "https://" : "http://") + host + ":" + port();
    }

    public Optional<Javalin> app() {
        return Optional.ofNullable(app);
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (ownProbe != null) {
            ownProbe.close();
        }
        readinessCallers.close();
    }
}
