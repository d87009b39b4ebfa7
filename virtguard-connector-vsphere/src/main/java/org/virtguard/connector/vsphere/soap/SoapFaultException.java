package org.virtguard.connector.vsphere.soap;

/**
 * The server answered a call with a SOAP fault.
 */
public final class SoapFaultException extends Exception {

    private final String faultType;

    /**
     * @param faultType the vim25 fault type from the detail's {@code xsi:type} ({@code InvalidLogin},
     *                  {@code NotAuthenticated}, {@code NoPermission}, ...), or {@code null}
     * @param message   the server's fault string
     */
    public SoapFaultException(String faultType, String message) {
        super(message);
        this.faultType = faultType;
    }

    /** The vim25 fault type, or {@code null} when the fault carried no typed detail. */
    public String faultType() {
        return faultType;
    }

    /** Whether the fault has the given type. */
    public boolean is(String type) {
        return type.equals(faultType);
    }
}
