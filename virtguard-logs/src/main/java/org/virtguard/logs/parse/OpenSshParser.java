package org.virtguard.logs.parse;

/**
 * OpenSSH {@code sshd}: failed and accepted password / publickey / keyboard-interactive attempts, invalid
 * users, "message repeated N times", disconnects before authentication, and the PAM lines sshd's own process
 * writes (kept as notices because sshd logs the same attempt as "Failed ...").
 */
final class OpenSshParser implements ProductParser {

    private static final String SERVICE = "sshd";
    private final LinuxPamParser pam = new LinuxPamParser();

    @Override
    public boolean handles(SyslogRecord r) {
        return r.programIs("sshd");
    }

    @Override
    public AuthEvent parse(SyslogRecord r) {
        return parseMessage(r, r.messageStart(), 1);
    }

    private AuthEvent parseMessage(SyslogRecord r, int m, int attempts) {
        String line = r.line();
        if (line.startsWith("Failed ", m)) {
            return attempt(r, m + 7, AuthOutcome.FAILURE, attempts);
        }
        if (line.startsWith("Accepted ", m)) {
            return attempt(r, m + 9, AuthOutcome.SUCCESS, attempts);
        }
        if (line.startsWith("message repeated ", m)) {
            int count = Text.number(line, m + 17);
            int inner = Text.after(line, "[ ", m);
            if (count < 1 || inner < 0) {
                return null;
            }
            return parseMessage(r, inner, count);
        }
        if (line.startsWith("Invalid user ", m) || line.startsWith("Illegal user ", m)) {
            int from = line.lastIndexOf(" from ");
            String user = from > m + 13 ? line.substring(m + 13, Math.min(from, m + 13 + Text.MAX_FIELD)) : null;
            String source = from < 0 ? null : Text.token(line, from + 6);
            return new AuthEvent(r.time(), r.host(), SERVICE, AuthOutcome.NOTICE, user, source, 1, true, line);
        }
        if (line.startsWith("Connection closed by ", m) || line.startsWith("Disconnected from ", m)
                || line.startsWith("Received disconnect from ", m) || line.startsWith("Connection reset by ", m)
                || line.startsWith("Did not receive identification string from ", m)
                || line.startsWith("error: Received disconnect from ", m)) {
            if (!line.endsWith("[preauth]") && !line.startsWith("Did not", m)) {
                return null;
            }
            String source = Text.token(line, Text.after(line, "from ", m) < 0 ? line.indexOf(" by ", m) + 4
                    : Text.after(line, "from ", m));
            if (source != null && source.startsWith("invalid")) {
                source = null;
            }
            if (source != null && source.endsWith(":")) {
                source = source.substring(0, source.length() - 1);
            }
            return new AuthEvent(r.time(), r.host(), SERVICE, AuthOutcome.NOTICE, null, source, 1, false, line);
        }
        if (line.startsWith("pam_", m) || line.startsWith("PAM ", m)) {
            AuthEvent e = pam.parseMessage(r, m, SERVICE);
            if (e != null && e.outcome() == AuthOutcome.FAILURE) {
                return new AuthEvent(e.time(), e.targetHost(), SERVICE, AuthOutcome.NOTICE, e.user(), e.source(), 1,
                        false, line);
            }
            return e;
        }
        return null;
    }

    private static AuthEvent attempt(SyslogRecord r, int i, AuthOutcome outcome, int attempts) {
        String line = r.line();
        int forAt = line.indexOf(" for ", i);
        int fromAt = line.lastIndexOf(" from ");
        if (forAt < 0 || fromAt < forAt) {
            return null;
        }
        int userStart = forAt + 5;
        boolean invalid = line.startsWith("invalid user ", userStart) || line.startsWith("illegal user ", userStart);
        if (invalid) {
            userStart += 13;
        }
        String user = fromAt > userStart ? line.substring(userStart, Math.min(fromAt, userStart + Text.MAX_FIELD)) : "";
        String source = Text.token(line, fromAt + 6);
        if (source == null) {
            return null;
        }
        return new AuthEvent(r.time(), r.host(), SERVICE, outcome, user, source, attempts, invalid, line);
    }
}
