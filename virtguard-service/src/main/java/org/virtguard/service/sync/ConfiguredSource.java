package org.virtguard.service.sync;

import java.util.Objects;

import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;

/** A source to sync together with its credentials. */
public record ConfiguredSource(SourceSpec spec, Credentials credentials) {
    public ConfiguredSource {
        Objects.requireNonNull(spec, "spec");
        credentials = credentials == null ? Credentials.none() : credentials;
    }
}
