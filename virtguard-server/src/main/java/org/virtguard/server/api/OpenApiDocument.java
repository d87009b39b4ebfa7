package org.virtguard.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.0 document of the route table: every route with its access rule and error responses. */
public final class OpenApiDocument {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    /** Actions that may answer 202: the admin role is an admin grant waiting for a second admin. */
    private static final java.util.Set<String> GRANTS = java.util.Set.of("user.create", "user.role");

    private OpenApiDocument() {
    }

    public static Map<String, Object> of(List<ApiRoute> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "VirtGuard API", "version", version,
                "description", "Every route needs a console session (with the X-CSRF-Token header on state-changing "
                        + "calls) or an API token (Authorization: Bearer), except GET /healthz and GET /readyz "
                        + "(details of /readyz only with one) and their older names /health and /ready."));
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("bearer", Map.of("type", "http", "scheme", "bearer"));
        schemes.put("session", Map.of("type", "apiKey", "in", "cookie", "name", "vg_session"));
        Map<String, Object> error = Map.of("type", "object", "required", List.of("code", "message"),
                "properties", Map.of("code", Map.of("type", "string"), "message", Map.of("type", "string")));
        doc.put("components", Map.of("securitySchemes", schemes, "schemas", Map.of("Error", error)));
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (ApiRoute route : routes) {
            if (route.access().kind() == Access.Kind.PAGE) {
                continue;
            }
            paths.computeIfAbsent(route.path(), k -> new LinkedHashMap<>())
                    .put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(ApiRoute route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", route.summary());
        if (route.action() != null) {
            op.put("operationId", route.action());
        }
        Matcher m = PATH_PARAM.matcher(route.path());
        List<Map<String, Object>> params = new java.util.ArrayList<>();
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "success"));
        Map<String, Object> errorBody = Map.of("application/json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));
        if (route.access().isPublic()) {
            op.put("security", List.of());
        } else {
            op.put("security", List.of(Map.of("bearer", List.of()), Map.of("session", List.of())));
            op.put("x-virtguard-min-role", route.access().minRole().name().toLowerCase(Locale.ROOT));
            op.put("x-virtguard-token-scope", route.access().scope());
            responses.put("401", Map.of("description", "no or invalid credentials", "content", errorBody));
            responses.put("403", Map.of("description", "role, scope or CSRF token insufficient", "content", errorBody));
        }
        if (route.action() != null && GRANTS.contains(route.action())) {
            responses.put("202", Map.of("description", "for the admin role: an admin grant {grant} waiting for a "
                    + "second admin (two-person rule); 201 {grant, user} when applied at once by break-glass"));
            responses.put("409", Map.of("description", "no other admin could approve (repeat with breakGlass), or "
                    + "break-glass refused because one could", "content", errorBody));
        }
        responses.put("400", Map.of("description", "invalid input: the message names the field. Bodies are strict "
                + "JSON: one object, no key twice, no unknown field, values of the documented type and range "
                + "(a string is never read as a number, numbers never wrap around)", "content", errorBody));
        op.put("responses", responses);
        return op;
    }
}
