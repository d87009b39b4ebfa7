package org.virtguard.spi;

import org.virtguard.model.Endpoint;

/**
 * Attributes network addresses to inventory objects and zones. Built by the wiring layer from the store and
 * the zone policy; given to the flow and log pipelines, which depend on this interface only.
 */
public interface EndpointResolver {

    /** Attributes an address given as text (IPv4 dotted quad or IPv6). Never {@code null}. */
    Endpoint resolve(String address);

    /** A resolver that knows nothing: every address is unattributed. */
    static EndpointResolver none() {
        return Endpoint::unattributed;
    }
}
