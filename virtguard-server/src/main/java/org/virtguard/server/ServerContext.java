package org.virtguard.server;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.virtguard.server.metrics.ServiceMetrics;
import org.virtguard.server.security.Authenticator;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.views.FlowsView;
import org.virtguard.server.views.PolicyView;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.Store;
import org.virtguard.store.security.SecurityStore;

/**
 * What the route groups share.
 *
 * @param store         the store
 * @param security      users, sessions, tokens and audit log
 * @param authenticator login and caller resolution
 * @param hasher        password hashing
 * @param clock         time
 * @param policy        the policy engine, when configured
 * @param flows         flow collection, when configured
 * @param zones         zone resolution for display ({@link ZoneResolver#none()} without a zone policy)
 * @param metrics       service counters
 * @param response      guarded response (plans, approvals, actions), when the service can act on VMs
 * @param readiness     what {@code GET /ready} reports; when empty the server probes the store itself
 * @param auditCheckpoints the signed checkpoints of the audit log outside the store, when configured
 * @param alerts        where the server raises security alerts of its own (a break-glass admin grant): the
 *                      service's alert path, which stores and delivers them; when empty, actions that must raise
 *                      an alert are refused
 */
public record ServerContext(Store store, SecurityStore security, Authenticator authenticator, PasswordHasher hasher,
                            Clock clock, Optional<PolicyView> policy, Optional<FlowsView> flows, ZoneResolver zones,
                            ServiceMetrics metrics, Optional<org.virtguard.response.ResponseService> response,
                            Optional<org.virtguard.server.readiness.ReadinessView> readiness,
                            Optional<org.virtguard.server.audit.AuditCheckpoints> auditCheckpoints,
                            Optional<java.util.function.Consumer<org.virtguard.model.Alert>> alerts) {

    public ServerContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        policy = policy == null ? Optional.empty() : policy;
        flows = flows == null ? Optional.empty() : flows;
        zones = zones == null ? ZoneResolver.none() : zones;
        metrics = metrics == null ? new ServiceMetrics() : metrics;
        security = security == null ? store.security() : security;
        response = response == null ? Optional.empty() : response;
        readiness = readiness == null ? Optional.empty() : readiness;
        auditCheckpoints = auditCheckpoints == null ? Optional.empty() : auditCheckpoints;
        alerts = alerts == null ? Optional.empty() : alerts;
    }

    /** A context without a security alert path of its own. */
    public ServerContext(Store store, SecurityStore security, Authenticator authenticator, PasswordHasher hasher,
                         Clock clock, Optional<PolicyView> policy, Optional<FlowsView> flows, ZoneResolver zones,
                         ServiceMetrics metrics, Optional<org.virtguard.response.ResponseService> response,
                         Optional<org.virtguard.server.readiness.ReadinessView> readiness,
                         Optional<org.virtguard.server.audit.AuditCheckpoints> auditCheckpoints) {
        this(store, security, authenticator, hasher, clock, policy, flows, zones, metrics, response, readiness,
                auditCheckpoints, Optional.empty());
    }

    /** This context raising its security alerts through {@code sink} (the service's alert path). */
    public ServerContext withAlerts(java.util.function.Consumer<org.virtguard.model.Alert> sink) {
        return new ServerContext(store, security, authenticator, hasher, clock, policy, flows, zones, metrics,
                response, readiness, auditCheckpoints, Optional.of(sink));
    }

    /** A context without audit checkpoints. */
    public ServerContext(Store store, SecurityStore security, Authenticator authenticator, PasswordHasher hasher,
                         Clock clock, Optional<PolicyView> policy, Optional<FlowsView> flows, ZoneResolver zones,
                         ServiceMetrics metrics, Optional<org.virtguard.response.ResponseService> response,
                         Optional<org.virtguard.server.readiness.ReadinessView> readiness) {
        this(store, security, authenticator, hasher, clock, policy, flows, zones, metrics, response, readiness,
                Optional.empty());
    }

    /** A context without a readiness view of its own (the server then probes the store itself). */
    public ServerContext(Store store, SecurityStore security, Authenticator authenticator, PasswordHasher hasher,
                         Clock clock, Optional<PolicyView> policy, Optional<FlowsView> flows, ZoneResolver zones,
                         ServiceMetrics metrics, Optional<org.virtguard.response.ResponseService> response) {
        this(store, security, authenticator, hasher, clock, policy, flows, zones, metrics, response, Optional.empty(),
                Optional.empty());
    }

    /** This context with guarded response enabled. */
    public ServerContext withResponse(org.virtguard.response.ResponseService service) {
        return new ServerContext(store, security, authenticator, hasher, clock, policy, flows, zones, metrics,
                Optional.of(service), readiness, auditCheckpoints, alerts);
    }

    /**
     * This context with the service's readiness view, e.g. a
     * {@link org.virtguard.server.readiness.Readiness} holding a
     * {@link org.virtguard.server.readiness.StoreProbe} and the service's own components.
     */
    public ServerContext withReadiness(org.virtguard.server.readiness.ReadinessView view) {
        return new ServerContext(store, security, authenticator, hasher, clock, policy, flows, zones, metrics,
                response, Optional.of(view), auditCheckpoints, alerts);
    }

    /** This context with the audit log anchored by {@code checkpoints}. */
    public ServerContext withAuditCheckpoints(org.virtguard.server.audit.AuditCheckpoints checkpoints) {
        return new ServerContext(store, security, authenticator, hasher, clock, policy, flows, zones, metrics,
                response, readiness, Optional.of(checkpoints), alerts);
    }

    /** The audit log checked: its chain, and against its checkpoints when they are configured. */
    public org.virtguard.server.audit.AuditCheck auditCheck() {
        return auditCheckpoints.map(org.virtguard.server.audit.AuditCheckpoints::verify)
                .orElseGet(() -> org.virtguard.server.audit.AuditCheckpoints.verifyUnanchored(security.audit()));
    }

    /**
     * The usual wiring: security repositories from the store, an {@link Authenticator} over them.
     *
     * @param policyView the policy engine, or {@code null} when not configured
     * @param flowsView  flow collection, or {@code null} when not configured
     * @param zoneResolver zone resolution, or {@code null} for none
     * @param serviceMetrics counters the service updates, or {@code null} for fresh ones
     */
    public static ServerContext of(Store store, Clock clock, PasswordHasher hasher,
                                   org.virtguard.server.security.SecurityPolicy securityPolicy, PolicyView policyView,
                                   FlowsView flowsView, ZoneResolver zoneResolver, ServiceMetrics serviceMetrics) {
        SecurityStore security = store.security();
        Authenticator authenticator = new Authenticator(security, hasher, securityPolicy, clock);
        return new ServerContext(store, security, authenticator, hasher, clock, Optional.ofNullable(policyView),
                Optional.ofNullable(flowsView), zoneResolver, serviceMetrics, Optional.empty());
    }
}
