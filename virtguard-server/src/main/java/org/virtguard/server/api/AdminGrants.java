package org.virtguard.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.Alert;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Severity;
import org.virtguard.server.ServerContext;
import org.virtguard.server.security.Principal;
import org.virtguard.store.security.AdminGrant;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.TwoPersonRule;
import org.virtguard.store.security.UserAccount;
import org.virtguard.store.security.UserProvenance;
import org.virtguard.store.security.UserRepository;

/**
 * Making an account an admin is itself a two-person action: creating an admin or promoting a user files a grant
 * that a second admin approves under the {@link TwoPersonRule} (an admin who existed before the request and was not
 * created or last changed by the requester, nor the requester's own creator or changer). Only when no admin at all
 * could approve (the requester is the only eligible admin, e.g. right after the first start) may the requester break
 * the glass: the grant applies at once, is written to the audit log as {@code user.break-glass} and recorded as a
 * high-severity alert {@code security.break-glass} on the service's alert path ({@link ServerContext#alerts()}), which
 * stores it and delivers it to the SIEM (syslog, webhooks); a server without an alert path refuses break-glass.
 * Refusals are {@link ApiError}s; the route guard audits every call.
 */
public final class AdminGrants {

    /** How long a grant waits for its second admin. */
    public static final Duration EXPIRES_AFTER = Duration.ofDays(3);
    /** Alert kind of a break-glass grant. */
    public static final String BREAK_GLASS_ALERT = "security.break-glass";

    private final ServerContext context;

    public AdminGrants(ServerContext context) {
        this.context = context;
    }

    /**
     * What a grant request did: filed it for a second admin, or (break glass) applied it at once.
     *
     * @param grant   the grant as stored
     * @param applied the account after a break-glass grant; empty while the grant waits
     */
    public record Outcome(AdminGrant grant, Optional<UserAccount> applied) {
    }

    /** Asks for a new admin account with {@code passwordHash} (already checked against the password policy). */
    public Outcome requestCreate(Principal caller, String username, String passwordHash, boolean breakGlass,
                                 String remoteAddress) {
        if (users().find(username).isPresent()) {
            throw new ApiError(409, ErrorCode.INVALID_INPUT.name(), "user '" + username + "' exists");
        }
        return file(caller, AdminGrant.Kind.CREATE, username, passwordHash, breakGlass, remoteAddress);
    }

    /** Asks for an existing user to become an admin. */
    public Outcome requestPromotion(Principal caller, String username, boolean breakGlass, String remoteAddress) {
        UserAccount user = users().find(username).orElseThrow(() -> ApiError.notFound("no user '" + username + "'"));
        if (user.role() == Role.ADMIN) {
            throw new ApiError(409, ErrorCode.INVALID_INPUT.name(), "user '" + username + "' is already an admin");
        }
        return file(caller, AdminGrant.Kind.PROMOTE, user.username(), null, breakGlass, remoteAddress);
    }

    /**
     * A second admin approves a pending grant, which then applies: the new admin is created (recorded as created by
     * the requester) or the user promoted (recorded as last changed by the requester, their sessions ended).
     */
    public AdminGrant approve(long id, Principal approver, String note) {
        AdminGrant grant = pending(id);
        UserRepository users = users();
        Optional<String> refusal = TwoPersonRule.refusal(users.provenance(approver.username()).orElse(null),
                grant.requestedBy(), users.provenance(grant.requestedBy()), grant.requestedAt());
        if (refusal.isPresent()) {
            throw ApiError.forbidden("admin grant #" + id + ": " + refusal.get());
        }
        Instant now = context.clock().instant();
        checkStillApplicable(grant);
        if (!context.security().adminGrants().decide(id, AdminGrant.Status.APPROVED, approver.username(), note, now)) {
            throw conflict("admin grant #" + id + " was decided meanwhile");
        }
        apply(grant, now);
        return context.security().adminGrants().find(id).orElseThrow();
    }

    /** Rejects a pending grant (any admin), or withdraws it (its requester). Nothing changes. */
    public AdminGrant reject(long id, Principal caller, String note) {
        AdminGrant grant = pending(id);
        AdminGrant.Status to = caller.username().equalsIgnoreCase(grant.requestedBy())
                ? AdminGrant.Status.CANCELLED : AdminGrant.Status.REJECTED;
        if (!context.security().adminGrants().decide(id, to, caller.username(), note, context.clock().instant())) {
            throw conflict("admin grant #" + id + " was decided meanwhile");
        }
        return context.security().adminGrants().find(id).orElseThrow();
    }

    /** Grants, newest first, after marking overdue pending ones expired. */
    public List<AdminGrant> list(boolean pendingOnly, int limit) {
        expireOverdue();
        return context.security().adminGrants().list(pendingOnly, limit);
    }

    /** Marks overdue pending grants expired. */
    public void expireOverdue() {
        Instant now = context.clock().instant();
        for (AdminGrant g : context.security().adminGrants().list(true, 1000)) {
            if (now.isAfter(g.expiresAt())) {
                context.security().adminGrants().decide(g.id(), AdminGrant.Status.EXPIRED, "system",
                        "not approved within " + EXPIRES_AFTER.toDays() + " days", now);
            }
        }
    }

    /** The enabled admins other than {@code requester} who could approve a grant {@code requester} files now. */
    public List<String> eligibleApprovers(String requester) {
        UserRepository users = users();
        Optional<UserProvenance> requesterAccount = users.provenance(requester);
        Instant now = context.clock().instant();
        return users.enabledAdmins().stream()
                .filter(a -> TwoPersonRule.refusal(a, requester, requesterAccount, now).isEmpty())
                .map(UserProvenance::username)
                .toList();
    }

    private Outcome file(Principal caller, AdminGrant.Kind kind, String username, String passwordHash,
                         boolean breakGlass, String remoteAddress) {
        if (context.security().adminGrants().pendingFor(username)) {
            throw conflict("an admin grant for '" + username + "' is already waiting for approval");
        }
        List<String> approvers = eligibleApprovers(caller.username());
        Instant now = context.clock().instant();
        if (!breakGlass) {
            if (approvers.isEmpty()) {
                throw conflict("no other admin could approve this admin grant (two-person rule); if you must, repeat "
                        + "it with break-glass: it then applies at once, is audited as user.break-glass and "
                        + "raises a high-severity alert for the SIEM");
            }
            long id = context.security().adminGrants().create(kind, username, passwordHash, caller.username(), now,
                    now.plus(EXPIRES_AFTER), AdminGrant.Status.PENDING);
            return new Outcome(context.security().adminGrants().find(id).orElseThrow(), Optional.empty());
        }
        if (!approvers.isEmpty()) {
            throw conflict("break-glass refused: " + approvers.size() + " other admin(s) can approve this grant; "
                    + "file it normally and ask one of them");
        }
        java.util.function.Consumer<Alert> alerts = context.alerts().orElseThrow(() -> new ApiError(503,
                ApiError.NOT_CONFIGURED, "break-glass refused: this server has no alert path to report it on"));
        long id = context.security().adminGrants().create(kind, username, passwordHash, caller.username(), now, now,
                AdminGrant.Status.BREAK_GLASS);
        AdminGrant grant = context.security().adminGrants().find(id).orElseThrow();
        if (kind == AdminGrant.Kind.CREATE) {
            create(username, passwordHash, caller.username(), now);
        } else {
            promote(username, caller.username(), now);
        }
        breakGlassRaised(grant, caller, remoteAddress, now, alerts);
        return new Outcome(grant, users().find(username));
    }

    private void breakGlassRaised(AdminGrant grant, Principal caller, String remoteAddress, Instant now,
                                  java.util.function.Consumer<Alert> alerts) {
        String what = (grant.kind() == AdminGrant.Kind.CREATE ? "created admin " : "promoted to admin ")
                + grant.username() + " without a second admin";
        context.security().audit().append(new AuditRecord(caller.actor(), "user.break-glass", grant.username(),
                "success", remoteAddress, "BREAK-GLASS: " + what + " (grant #" + grant.id() + "); no other admin "
                + "could approve"), now);
        alerts.accept(new Alert(BREAK_GLASS_ALERT + "|" + grant.id(), BREAK_GLASS_ALERT,
                Severity.HIGH, "Break-glass: " + caller.username() + " " + what, null, null, now, now, 1,
                Map.of("grant", Long.toString(grant.id()), "requestedBy", caller.username(),
                        "username", grant.username(), "kind", grant.kind().id(),
                        "remoteAddress", remoteAddress == null ? "" : remoteAddress),
                List.of("user.break-glass by " + caller.actor() + ": " + what)));
    }

    private void checkStillApplicable(AdminGrant grant) {
        Optional<UserAccount> user = users().find(grant.username());
        if (grant.kind() == AdminGrant.Kind.CREATE && user.isPresent()) {
            throw conflict("user '" + grant.username() + "' was created meanwhile; reject this grant");
        }
        if (grant.kind() == AdminGrant.Kind.PROMOTE && user.isEmpty()) {
            throw conflict("user '" + grant.username() + "' no longer exists; reject this grant");
        }
    }

    private void apply(AdminGrant grant, Instant now) {
        if (grant.kind() == AdminGrant.Kind.CREATE) {
            create(grant.username(), grant.passwordHash(), grant.requestedBy(), now);
        } else {
            promote(grant.username(), grant.requestedBy(), now);
        }
    }

    private void create(String username, String passwordHash, String createdBy, Instant now) {
        if (passwordHash == null || !users().create(username, Role.ADMIN, passwordHash, now, createdBy)) {
            throw conflict("user '" + username + "' could not be created");
        }
    }

    private void promote(String username, String changedBy, Instant now) {
        if (!users().setRole(username, Role.ADMIN, changedBy, now)) {
            throw ApiError.notFound("no user '" + username + "'");
        }
        context.security().sessions().deleteForUser(username);
    }

    private AdminGrant pending(long id) {
        AdminGrant grant = context.security().adminGrants().find(id)
                .orElseThrow(() -> ApiError.notFound("no admin grant #" + id));
        Instant now = context.clock().instant();
        if (grant.status() == AdminGrant.Status.PENDING && now.isAfter(grant.expiresAt())) {
            context.security().adminGrants().decide(id, AdminGrant.Status.EXPIRED, "system",
                    "not approved within " + EXPIRES_AFTER.toDays() + " days", now);
            throw conflict("admin grant #" + id + " expired at " + grant.expiresAt() + " without approval");
        }
        if (grant.status() != AdminGrant.Status.PENDING) {
            throw conflict("admin grant #" + id + " is " + grant.status().id() + ", not pending");
        }
        return grant;
    }

    private UserRepository users() {
        return context.security().users();
    }

    private static ApiError conflict(String message) {
        return new ApiError(409, "CONFLICT", message);
    }

    /** A grant as the API shows it (never the password hash). */
    public static Map<String, Object> view(AdminGrant g) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", g.id());
        m.put("kind", g.kind().id());
        m.put("username", g.username());
        m.put("role", "admin");
        m.put("status", g.status().id());
        m.put("requestedBy", g.requestedBy());
        m.put("requestedAt", g.requestedAt().toString());
        m.put("expiresAt", g.expiresAt().toString());
        m.put("decidedBy", g.decidedBy());
        m.put("decidedAt", g.decidedAt() == null ? null : g.decidedAt().toString());
        m.put("decisionNote", g.decisionNote());
        return m;
    }

    /** The grant id named by the path parameter {@code id}; 404 when it is not a number. */
    public static long idFrom(io.javalin.http.Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("no admin grant #" + ctx.pathParam("id"));
        }
    }
}
