package org.virtguard.logs.parse;

/**
 * ESXi {@code hostd} and {@code vobd}: "Rejected password for user U from A", "Accepted password for user U
 * from A", host events "User U@A logged in" / "Cannot login U@A", and account lockouts ("Remote access for ESXi
 * local user account 'U' has been locked for N seconds after M failed login attempts").
 */
final class EsxiParser implements ProductParser {

    private static final String SERVICE = "esxi-hostd";

    @Override
    public boolean handles(SyslogRecord r) {
        return r.programIs("hostd") || r.programIs("vobd") || r.programStartsWith("hostd-");
    }

    @Override
    public AuthEvent parse(SyslogRecord r) {
        String line = r.line();
        int m = r.messageStart();
        int i;
        if ((i = Text.after(line, "Rejected password for user ", m)) > 0) {
            return userFrom(r, i, AuthOutcome.FAILURE);
        }
        if ((i = Text.after(line, "Accepted password for user ", m)) > 0) {
            return userFrom(r, i, AuthOutcome.SUCCESS);
        }
        if ((i = Text.after(line, "local user account '", m)) > 0 && line.indexOf("has been locked", i) > 0) {
            return new AuthEvent(r.time(), r.host(), SERVICE, AuthOutcome.LOCKOUT, Text.until(line, i, "'"), null, 1,
                    false, line);
        }
        if ((i = Text.after(line, "Cannot login ", m)) > 0) {
            return userAt(r, i, AuthOutcome.FAILURE);
        }
        if ((i = Text.after(line, "] Event ", m)) > 0 && (i = Text.after(line, " : User ", i)) > 0
                && line.indexOf(" logged in", i) > 0) {
            return userAt(r, i, AuthOutcome.SUCCESS);
        }
        return null;
    }

    private static AuthEvent userFrom(SyslogRecord r, int i, AuthOutcome outcome) {
        String line = r.line();
        String user = Text.token(line, i);
        int from = Text.after(line, " from ", i);
        return new AuthEvent(r.time(), r.host(), SERVICE, outcome, user, from < 0 ? null : Text.token(line, from), 1,
                false, line);
    }

    private static AuthEvent userAt(SyslogRecord r, int i, AuthOutcome outcome) {
        UserAtAddress ua = UserAtAddress.at(r.line(), i);
        if (ua == null) {
            return null;
        }
        return new AuthEvent(r.time(), r.host(), SERVICE, outcome, ua.user(), ua.address(), 1, false, r.line());
    }
}
