package org.virtguard.service.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.virtguard.service.config.SecretCredentials;
import org.virtguard.service.config.SourceConfig;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;

/** A source to sync together with its credentials. */
public record ConfiguredSource(SourceSpec spec, Credentials credentials) {
    public ConfiguredSource {
        Objects.requireNonNull(spec, "spec");
        credentials = credentials == null ? Credentials.none() : credentials;
    }

    /**
     * The sources of a configuration file, each with the credentials its section names (read from
     * {@code environment} or files when a connector asks for them).
     */
    public static List<ConfiguredSource> of(List<SourceConfig> sources, Map<String, String> environment) {
        return sources.stream().map(s -> {
            String id = s.id() != null ? s.id() : SourceSpec.defaultIdFor(s.uri());
            return new ConfiguredSource(new SourceSpec(id, s.uri(), s.options()),
                    new SecretCredentials(id, s.credentials(), environment));
        }).toList();
    }
}
