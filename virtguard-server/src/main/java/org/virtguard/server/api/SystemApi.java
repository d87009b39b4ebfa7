package org.virtguard.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.javalin.http.Context;
import org.virtguard.server.metrics.PrometheusWriter;
import org.virtguard.store.security.Role;

/** Health, metrics, the OpenAPI document and the console's static assets. */
public final class SystemApi {

    private static final Map<String, String> ASSETS = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    private final PrometheusWriter prometheus;
    private final Supplier<Map<String, Object>> openApi;
    private final Supplier<Boolean> storeHealthy;

    public SystemApi(PrometheusWriter prometheus, Supplier<Map<String, Object>> openApi, Supplier<Boolean> storeHealthy) {
        this.prometheus = prometheus;
        this.openApi = openApi;
        this.storeHealthy = storeHealthy;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/health", Access.publicRoute(), "Liveness: 200 when the store answers, 503 otherwise",
                        this::health),
                ApiRoute.get("/static/{file}", Access.publicRoute(), "Console stylesheet and script", this::asset),
                ApiRoute.get("/metrics", Access.metrics(), "Prometheus metrics (viewer, or a token with scope metrics)",
                        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.render())),
                ApiRoute.get("/api/v1/openapi.json", Access.read(Role.VIEWER), "This API's OpenAPI 3 document",
                        ctx -> ctx.json(openApi.get())));
    }

    private void health(Context ctx) {
        boolean ok;
        try {
            ok = storeHealthy.get();
        } catch (RuntimeException e) {
            ok = false;
        }
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ok" : "store unavailable"));
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
