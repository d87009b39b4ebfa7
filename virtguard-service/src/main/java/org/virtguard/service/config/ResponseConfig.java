package org.virtguard.service.config;

/**
 * Guarded response.
 *
 * @param policy response policy file (quarantine network, snapshots, templates, triggers), or {@code null} for
 *               alert-only: actions only on request, each approved by a second admin
 */
public record ResponseConfig(String policy) {
}
