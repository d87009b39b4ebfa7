package org.virtguard.server.api;

import java.util.Objects;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the server with its access rule. Every route is declared this way, so none can exist
 * without a rule, and the OpenAPI document and the authorization tests are generated from the same list.
 *
 * @param method  HTTP method
 * @param path    Javalin path, e.g. {@code /api/v1/vms/{id}}
 * @param access  who may call it
 * @param action  the audit action for state-changing routes, e.g. {@code alert.acknowledge}
 * @param summary one line for the OpenAPI document
 * @param handler the work
 */
public record ApiRoute(HandlerType method, String path, Access access, String action, String summary,
                       Handler handler) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
    }

    /** Whether the route changes state, so it is audited and needs the CSRF token with a session. */
    public boolean changesState() {
        return method != HandlerType.GET && method != HandlerType.HEAD;
    }

    public static ApiRoute get(String path, Access access, String summary, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, access, null, summary, handler);
    }

    public static ApiRoute post(String path, Access access, String action, String summary, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, access, action, summary, handler);
    }

    public static ApiRoute delete(String path, Access access, String action, String summary, Handler handler) {
        return new ApiRoute(HandlerType.DELETE, path, access, action, summary, handler);
    }
}
