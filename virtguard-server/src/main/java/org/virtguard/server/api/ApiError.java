package org.virtguard.server.api;

import org.virtguard.model.ErrorCode;

/**
 * An error answered as {@code {"code": "...", "message": "..."}} with an HTTP status. Codes are
 * {@link ErrorCode} names, plus {@link #NOT_CONFIGURED}, {@link #CSRF_REJECTED}, {@link #RATE_LIMITED},
 * {@link #WEAK_PASSWORD} and {@link #PASSWORD_CHANGE_REQUIRED}.
 */
public final class ApiError extends RuntimeException {

    /** A feature whose engine is not wired into this server. */
    public static final String NOT_CONFIGURED = "NOT_CONFIGURED";
    /** A state-changing console call without the session's CSRF token. */
    public static final String CSRF_REJECTED = "CSRF_REJECTED";
    /** Too many attempts. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** A new password that breaks the password policy; the message names the rule. */
    public static final String WEAK_PASSWORD = "WEAK_PASSWORD";
    /** A console session with a temporary password may only change it. */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError unauthenticated() {
        return new ApiError(401, ErrorCode.AUTHENTICATION_FAILED.name(),
                "authentication required: a console session or an 'Authorization: Bearer' API token");
    }

    public static ApiError forbidden(String what) {
        return new ApiError(403, ErrorCode.PERMISSION_DENIED.name(), what);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, ErrorCode.NOT_FOUND.name(), what);
    }

    public static ApiError invalid(String what) {
        return new ApiError(400, ErrorCode.INVALID_INPUT.name(), what);
    }

    public static ApiError notConfigured(String engine) {
        return new ApiError(503, NOT_CONFIGURED, engine + " not configured in this server");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
