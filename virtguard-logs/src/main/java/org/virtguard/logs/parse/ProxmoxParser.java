package org.virtguard.logs.parse;

/**
 * Proxmox VE {@code pvedaemon} / {@code pveproxy}: "authentication failure; rhost=A user=U msg=..." and
 * "&lt;U&gt; successful auth for user 'U'" (which names no address).
 */
final class ProxmoxParser implements ProductParser {

    private static final String SERVICE = "proxmox-pvedaemon";

    @Override
    public boolean handles(SyslogRecord r) {
        return r.programIs("pvedaemon") || r.programIs("pveproxy");
    }

    @Override
    public AuthEvent parse(SyslogRecord r) {
        String line = r.line();
        int m = r.messageStart();
        if (line.startsWith("authentication failure;", m)) {
            String source = Text.keyValue(line, "rhost=", m);
            if (source != null && source.startsWith("::ffff:") && source.indexOf('.') > 0) {
                source = source.substring(7);
            }
            return new AuthEvent(r.time(), r.host(), SERVICE, AuthOutcome.FAILURE, Text.keyValue(line, "user=", m),
                    source, 1, false, line);
        }
        int ok = Text.after(line, "successful auth for user '", m);
        if (ok > 0) {
            return new AuthEvent(r.time(), r.host(), SERVICE, AuthOutcome.SUCCESS, Text.until(line, ok, "'"), null, 1,
                    false, line);
        }
        return null;
    }
}
