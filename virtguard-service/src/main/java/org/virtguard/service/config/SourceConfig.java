package org.virtguard.service.config;

import java.util.Map;

/**
 * One inventory source in the configuration file.
 *
 * @param id          stable id (defaults to the URI without user info)
 * @param uri         the source URI
 * @param options     connector options
 * @param credentials where its secrets come from, or {@code null}
 */
public record SourceConfig(String id, String uri, Map<String, String> options, CredentialConfig credentials) {
}
