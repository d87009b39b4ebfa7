package org.virtguard.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.javalin.http.Context;
import org.virtguard.server.metrics.PrometheusWriter;
import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.server.readiness.Readiness;
import org.virtguard.store.security.Role;

/**
 * Health (liveness), readiness, metrics, the OpenAPI document and the console's static assets. {@code /healthz} and
 * {@code /readyz} (with their older names {@code /health} and {@code /ready}) answer from memory: the guard
 * authenticates nobody on them, and readiness details go only to callers {@link ReadinessCallers} recognises within
 * its budget, so both answer in milliseconds whether or not the store does.
 */
public final class SystemApi {

    private static final Map<String, String> ASSETS = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    private final PrometheusWriter prometheus;
    private final Supplier<Map<String, Object>> openApi;
    private final Supplier<Map<String, ComponentStatus>> readiness;
    private final ReadinessCallers callers;

    /**
     * @param readiness the components {@code /readyz} reports, answered from memory
     * @param callers   who may see the components
     */
    public SystemApi(PrometheusWriter prometheus, Supplier<Map<String, Object>> openApi,
                     Supplier<Map<String, ComponentStatus>> readiness, ReadinessCallers callers) {
        this.prometheus = prometheus;
        this.openApi = openApi;
        this.readiness = readiness;
        this.callers = callers;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/healthz", Access.probe(), "Liveness: 200 {\"status\":\"ok\"} while the process "
                        + "serves HTTP, whether or not the store answers (see /readyz); no details, never touches the "
                        + "database", this::health),
                ApiRoute.get("/health", Access.probe(), "Liveness, the older name of /healthz", this::health),
                ApiRoute.get("/readyz", Access.probe(), "Readiness from cached state within milliseconds: 200 ready "
                        + "or degraded, 503 not-ready (a critical component such as the store is down). Authenticated "
                        + "callers (a session, or a token with scope read or metrics) also get each component: the "
                        + "store, each source (fresh, stale or failed, with its last success), each listener (bound, "
                        + "rate, drops) and each delivery target (backlog)", this::ready),
                ApiRoute.get("/ready", Access.probe(), "Readiness, the older name of /readyz", this::ready),
                ApiRoute.get("/static/{file}", Access.publicRoute(), "Console stylesheet and script", this::asset),
                ApiRoute.get("/metrics", Access.metrics(), "Prometheus metrics (viewer, or a token with scope metrics)",
                        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.render())),
                ApiRoute.get("/api/v1/openapi.json", Access.read(Role.VIEWER), "This API's OpenAPI 3 document",
                        ctx -> ctx.json(openApi.get())));
    }

    private void health(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).json(Map.of("status", "ok"));
    }

    private void ready(Context ctx) {
        Map<String, ComponentStatus> components = readiness.get();
        Readiness.Overall overall = Readiness.overall(components);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall.text());
        ComponentStatus store = components.get("store");
        boolean storeUp = store == null || store.state() != ComponentStatus.State.DOWN;
        if (callers.mayViewDetails(ctx, storeUp)) {
            Map<String, Object> parts = new LinkedHashMap<>();
            components.forEach((name, status) -> parts.put(name, status.toJson()));
            body.put("components", parts);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(overall == Readiness.Overall.NOT_READY ? 503 : 200).json(body);
    }

    private void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw ApiError.notFound("no asset '" + file + "'");
        }
        try (InputStream in = SystemApi.class.getResourceAsStream("/org/virtguard/server/static/" + file)) {
            if (in == null) {
                throw ApiError.notFound("no asset '" + file + "'");
            }
            ctx.header("Cache-Control", "public, max-age=300");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }
}
