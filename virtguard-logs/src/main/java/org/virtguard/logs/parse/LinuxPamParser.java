package org.virtguard.logs.parse;

/**
 * Linux PAM: {@code pam_unix(svc:auth): authentication failure; ... rhost=H user=U} in both the modern
 * ({@code sshd[1]: pam_unix(sshd:auth): ...}) and the older ({@code sshd(pam_unix)[1]: ...}) layouts, and
 * lockouts from pam_faillock and pam_tally2.
 */
final class LinuxPamParser implements ProductParser {

    @Override
    public boolean handles(SyslogRecord r) {
        return r.line().startsWith("pam_", r.messageStart()) || r.line().startsWith("PAM ", r.messageStart())
                || r.line().indexOf("(pam_", r.programStart, r.programEnd) >= 0;
    }

    @Override
    public AuthEvent parse(SyslogRecord r) {
        String program = r.program();
        int paren = program.indexOf('(');
        String service = paren > 0 ? program.substring(0, paren) : program;
        return parseMessage(r, r.messageStart(), service);
    }

    AuthEvent parseMessage(SyslogRecord r, int m, String service) {
        String line = r.line();
        int colon = line.indexOf("): ", m);
        int body = m;
        if (line.startsWith("pam_", m) && colon > 0 && colon - m < 64) {
            int svcStart = line.indexOf('(', m) + 1;
            int svcEnd = line.indexOf(':', svcStart);
            if (svcStart > 0 && svcEnd > svcStart && svcEnd < colon) {
                service = line.substring(svcStart, svcEnd);
            }
            body = colon + 3;
        }
        if (line.startsWith("authentication failure;", body)) {
            String source = Text.keyValue(line, "rhost=", body);
            String user = Text.keyValue(line, "user=", body);
            return new AuthEvent(r.time(), r.host(), service, AuthOutcome.FAILURE, user, source, 1, false, line);
        }
        if (line.startsWith("PAM ", body) && line.indexOf("more authentication failure", body) > 0) {
            return new AuthEvent(r.time(), r.host(), service, AuthOutcome.NOTICE, Text.keyValue(line, "user=", body),
                    Text.keyValue(line, "rhost=", body), 1, false, line);
        }
        if (line.startsWith("Consecutive login failures for user ", body)) {
            String user = Text.token(line, body + 36);
            return new AuthEvent(r.time(), r.host(), service, AuthOutcome.LOCKOUT, user,
                    Text.keyValue(line, "rhost=", body), 1, false, line);
        }
        int tally = Text.after(line, "user ", body);
        if (line.indexOf("pam_tally", m) >= 0 && tally > 0 && line.indexOf(" deny ", body) > 0) {
            return new AuthEvent(r.time(), r.host(), service, AuthOutcome.LOCKOUT, Text.token(line, tally), null, 1,
                    false, line);
        }
        return null;
    }
}
