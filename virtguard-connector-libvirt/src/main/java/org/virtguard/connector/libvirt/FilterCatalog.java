package org.virtguard.connector.libvirt;

import java.util.List;
import java.util.Optional;

import org.virtguard.connector.libvirt.xml.FilterResolver;
import org.virtguard.model.CollectionWarning;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.TrafficFilterDefinition;

/**
 * The traffic filters a source offers, the resolver built from them, and the warning to report when libvirt's
 * stock definitions had to be assumed.
 *
 * @param definitions the filters defined on the host, as read
 * @param resolver    resolves NIC filter references
 * @param warning     set when the source offered no definitions and the stock structure was assumed
 */
record FilterCatalog(List<TrafficFilterDefinition> definitions, FilterResolver resolver,
                     Optional<CollectionWarning> warning) {

    FilterCatalog {
        definitions = List.copyOf(definitions);
    }

    /** The host's own definitions, resolved strictly. */
    static FilterCatalog of(List<TrafficFilterDefinition> definitions) {
        return new FilterCatalog(definitions, FilterResolver.of(definitions), Optional.empty());
    }

    /** No definitions available: libvirt's stock structure is assumed, with a warning saying why. */
    static FilterCatalog stockAssumed(String why) {
        return new FilterCatalog(List.of(), FilterResolver.stockOnly(), Optional.of(new CollectionWarning(
                "nwfilters", ErrorCode.INVALID_INPUT, why
                        + "; libvirt's stock nwfilter definitions (clean-traffic, no-mac-spoofing, ...) were assumed")));
    }
}
