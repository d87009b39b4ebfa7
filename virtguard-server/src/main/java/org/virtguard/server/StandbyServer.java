package org.virtguard.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.eclipse.jetty.server.ServerConnector;
import org.virtguard.model.ErrorCode;
import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.server.readiness.Readiness;

/**
 * What answers on the service's port while it waits for its store at start: liveness ({@code /health},
 * {@code /healthz}) 200, readiness ({@code /ready}, {@code /readyz}) 503 with the components given, and every other
 * request 503 {@code STORE_UNAVAILABLE}, all from memory. Nothing here needs the store, so every answer is immediate.
 * The service stops it just before its own server takes the port over.
 */
public final class StandbyServer implements AutoCloseable {

    private final ServerSettings settings;
    private final Supplier<Map<String, ComponentStatus>> readiness;
    private Javalin app;

    /**
     * @param readiness the components to report, e.g. the store as down and critical while it is awaited
     */
    public StandbyServer(ServerSettings settings, Supplier<Map<String, ComponentStatus>> readiness) {
        this.settings = settings;
        this.readiness = readiness;
    }

    /** Starts listening; returns once the port is bound. */
    public StandbyServer start() {
        boolean tls = settings.tls() != null;
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            config.jetty.addConnector((server, http) -> Connectors.connector(settings, server, http));
        });
        app.before(ctx -> SecurityHeaders.apply(ctx, tls));
        for (String path : new String[] {"/health", "/healthz"}) {
            app.get(path, ctx -> ctx.header("Cache-Control", "no-store").json(Map.of("status", "ok")));
        }
        for (String path : new String[] {"/ready", "/readyz"}) {
            app.get(path, this::ready);
        }
        for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
                HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD}) {
            app.addHttpHandler(method, "/", StandbyServer::unavailable);
            app.addHttpHandler(method, "/<rest>", StandbyServer::unavailable);
        }
        app.start();
        return this;
    }

    private void ready(Context ctx) {
        Map<String, ComponentStatus> components = readiness.get();
        Map<String, Object> parts = new LinkedHashMap<>();
        components.forEach((name, status) -> parts.put(name, status.toJson()));
        Readiness.Overall overall = Readiness.overall(components);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall.text());
        body.put("components", parts);
        ctx.header("Cache-Control", "no-store");
        ctx.status(overall == Readiness.Overall.NOT_READY ? 503 : 200).json(body);
    }

    private static void unavailable(Context ctx) {
        ctx.header("Retry-After", "5");
        ctx.status(503).json(Map.of("code", ErrorCode.STORE_UNAVAILABLE.name(),
                "message", "the service is starting and waiting for its store (database); try again shortly"));
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    /** Stops listening and frees the port. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
