package org.virtguard.logs.parse;

/**
 * vCenter {@code vpxd} event lines: {@code vim.event.UserLoginSessionEvent} (accepted),
 * {@code BadUsernameSessionEvent} (rejected) and {@code UserLogoutSessionEvent}; the same three events from the
 * vSphere API event feed via {@link #fromEvent}.
 */
public final class VcenterParser implements ProductParser {

    /** The service name on events from vCenter. */
    public static final String SERVICE = "vcenter-vpxd";

    @Override
    public boolean handles(SyslogRecord r) {
        return r.programIs("vpxd");
    }

    @Override
    public AuthEvent parse(SyslogRecord r) {
        String line = r.line();
        int type = line.indexOf("[vim.event.", r.messageStart());
        if (type < 0) {
            return null;
        }
        int nameStart = type + 11;
        AuthOutcome outcome;
        String marker;
        if (line.startsWith("UserLoginSessionEvent]", nameStart)) {
            outcome = AuthOutcome.SUCCESS;
            marker = "[User ";
        } else if (line.startsWith("BadUsernameSessionEvent]", nameStart)) {
            outcome = AuthOutcome.FAILURE;
            marker = "[Cannot login ";
        } else if (line.startsWith("UserLogoutSessionEvent]", nameStart)) {
            outcome = AuthOutcome.LOGOUT;
            marker = "[User ";
        } else {
            return null;
        }
        int at = line.lastIndexOf(marker);
        UserAtAddress ua = at < nameStart ? null : UserAtAddress.at(line, at + marker.length());
        return new AuthEvent(r.time(), r.host(), SERVICE, outcome, ua == null ? null : ua.user(),
                ua == null ? null : ua.address(), 1, false, line);
    }

    /**
     * Maps one event of the vSphere API event feed (as the vSphere connector reports it) to an
     * {@link AuthEvent}, or {@code null} for other event types.
     *
     * @param eventType   the vim event type name, e.g. {@code UserLoginSessionEvent} or {@code vim.event.UserLoginSessionEvent}
     * @param time        event creation time, epoch milliseconds
     * @param vcenter     the vCenter (or ESXi host) that raised it
     * @param userName    the event's {@code userName}
     * @param ipAddress   the event's {@code ipAddress}
     * @param fullMessage the formatted message, kept as evidence
     */
    public static AuthEvent fromEvent(String eventType, long time, String vcenter, String userName, String ipAddress,
                                      String fullMessage) {
        String type = eventType.startsWith("vim.event.") ? eventType.substring(10) : eventType;
        AuthOutcome outcome = switch (type) {
            case "UserLoginSessionEvent" -> AuthOutcome.SUCCESS;
            case "BadUsernameSessionEvent" -> AuthOutcome.FAILURE;
            case "UserLogoutSessionEvent" -> AuthOutcome.LOGOUT;
            default -> null;
        };
        if (outcome == null) {
            return null;
        }
        String evidence = "[" + type + "] " + (fullMessage == null ? "" : fullMessage);
        return new AuthEvent(time, vcenter == null ? "-" : vcenter, SERVICE, outcome, userName, ipAddress, 1, false,
                evidence);
    }
}
