package org.virtguard.connector.libvirt;

import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;

/** Maps libvirt's errors to connector errors with one-line, secret-free messages. */
final class LibvirtErrors {

    private LibvirtErrors() {
    }

    /** An error raised while opening the connection. */
    static ConnectorException connectFailed(LibvirtException e, LibvirtSource source) {
        ErrorCode code = switch (number(e)) {
            case VIR_ERR_AUTH_FAILED, VIR_ERR_AUTH_CANCELLED, VIR_ERR_AUTH_UNAVAILABLE -> ErrorCode.AUTHENTICATION_FAILED;
            case VIR_ERR_ACCESS_DENIED, VIR_ERR_OPERATION_DENIED -> ErrorCode.PERMISSION_DENIED;
            case VIR_ERR_GNUTLS_ERROR -> ErrorCode.TLS_VERIFICATION_FAILED;
            case VIR_ERR_INVALID_ARG, VIR_ERR_NO_SUPPORT -> ErrorCode.INVALID_SOURCE;
            default -> ErrorCode.SOURCE_UNREACHABLE;
        };
        return new ConnectorException(code, source.id(),
                source.describe() + ": cannot connect: " + message(e, source), e);
    }

    /** An error raised by a call on an open connection. */
    static ConnectorException callFailed(LibvirtException e, LibvirtSource source, String action) {
        ErrorCode code = switch (number(e)) {
            case VIR_ERR_ACCESS_DENIED, VIR_ERR_OPERATION_DENIED -> ErrorCode.PERMISSION_DENIED;
            case VIR_ERR_AUTH_FAILED -> ErrorCode.AUTHENTICATION_FAILED;
            default -> ErrorCode.CONNECTION_LOST;
        };
        return new ConnectorException(code, source.id(), source.describe() + ": " + action + ": " + message(e, source), e);
    }

    /**
     * The connector error code for a failed response-action call: a broken connection stays
     * {@link ErrorCode#CONNECTION_LOST} and a refusal {@link ErrorCode#PERMISSION_DENIED}; an object that vanished is
     * {@link ErrorCode#NOT_FOUND}; anything else the hypervisor refused is {@link ErrorCode#ACTION_FAILED}.
     */
    static ErrorCode actionCode(LibvirtException e) {
        return switch (number(e)) {
            case VIR_ERR_ACCESS_DENIED, VIR_ERR_OPERATION_DENIED, VIR_ERR_AUTH_FAILED -> ErrorCode.PERMISSION_DENIED;
            case VIR_ERR_NO_CONNECT, VIR_ERR_INVALID_CONN, VIR_ERR_RPC -> ErrorCode.CONNECTION_LOST;
            case VIR_ERR_NO_DOMAIN, VIR_ERR_NO_NETWORK, VIR_ERR_NO_DOMAIN_SNAPSHOT -> ErrorCode.NOT_FOUND;
            default -> ErrorCode.ACTION_FAILED;
        };
    }

    /** Whether the error means the object asked for does not exist (any more). */
    static boolean isNotFound(LibvirtException e) {
        return switch (number(e)) {
            case VIR_ERR_NO_DOMAIN, VIR_ERR_NO_NETWORK, VIR_ERR_NO_NWFILTER, VIR_ERR_INVALID_ARG -> true;
            default -> false;
        };
    }

    /** Whether the error means the driver does not offer the call. */
    static boolean isUnsupported(LibvirtException e) {
        return switch (number(e)) {
            case VIR_ERR_NO_SUPPORT, VIR_ERR_OPERATION_UNSUPPORTED, VIR_ERR_ARGUMENT_UNSUPPORTED -> true;
            default -> false;
        };
    }

    /** Whether the error means the call's flags or arguments were refused. */
    static boolean isRejectedFlag(LibvirtException e) {
        return switch (number(e)) {
            case VIR_ERR_INVALID_ARG, VIR_ERR_OPERATION_INVALID -> true;
            default -> false;
        };
    }

    /** Whether the error means the caller lacks a permission. */
    static boolean isDenied(LibvirtException e) {
        return switch (number(e)) {
            case VIR_ERR_ACCESS_DENIED, VIR_ERR_OPERATION_DENIED -> true;
            default -> false;
        };
    }

    static Error.ErrorNumber number(LibvirtException e) {
        Error error = e.getError();
        Error.ErrorNumber n = error == null ? null : error.getCode();
        return n == null ? Error.ErrorNumber.VIR_ERR_INTERNAL_ERROR : n;
    }

    /** libvirt's message on one line, with the source URI's user-info removed. */
    static String message(LibvirtException e, LibvirtSource source) {
        Error error = e.getError();
        String m = error != null && error.getMessage() != null ? error.getMessage() : e.getMessage();
        if (m == null || m.isBlank()) {
            m = number(e).name();
        }
        String raw = source.spec().uri();
        if (!raw.equals(source.displayUri())) {
            m = m.replace(raw, source.displayUri());
        }
        return m.replaceAll("//[^/@\\s]*@", "//").replaceAll("\\s+", " ").trim();
    }
}
