package org.virtguard.server.views;

import java.time.Instant;

/**
 * An accepted risk: a check that may fail on a resource until the exception expires.
 *
 * @param id            the exception's id
 * @param checkId       the check
 * @param resourceId    the resource
 * @param justification why the risk is accepted
 * @param grantedBy     who granted it
 * @param grantedAt     when
 * @param expiresAt     when it stops applying; every exception expires
 */
public record ExceptionGrant(String id, String checkId, String resourceId, String justification, String grantedBy,
                             Instant grantedAt, Instant expiresAt) {
}
