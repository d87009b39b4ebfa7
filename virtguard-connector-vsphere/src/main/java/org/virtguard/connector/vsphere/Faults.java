package org.virtguard.connector.vsphere;

import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;

/** Turns client failures into one-line {@link ConnectorException}s that name the source and never hold a secret. */
final class Faults {

    private Faults() {
    }

    static ConnectorException of(String sourceId, String during, SoapFaultException e) {
        String type = e.faultType() == null ? "" : e.faultType();
        ErrorCode code = switch (type) {
            case "InvalidLogin", "NotAuthenticated", "InvalidPrivilege" -> ErrorCode.AUTHENTICATION_FAILED;
            case "NoPermission" -> ErrorCode.PERMISSION_DENIED;
            default -> ErrorCode.INVALID_INPUT;
        };
        String what = code == ErrorCode.AUTHENTICATION_FAILED ? "login refused (wrong user name or password)"
                : "server fault " + (type.isEmpty() ? "" : type + ": ") + e.getMessage();
        return new ConnectorException(code, sourceId, "vSphere source " + sourceId + ": " + during + ": " + what, e);
    }

    static ConnectorException of(String sourceId, String during, TransportException e) {
        return new ConnectorException(e.code(), sourceId, "vSphere source " + sourceId + ": " + during + ": "
                + e.getMessage(), e);
    }
}
