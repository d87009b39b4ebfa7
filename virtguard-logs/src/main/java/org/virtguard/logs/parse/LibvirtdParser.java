package org.virtguard.logs.parse;

/**
 * {@code libvirtd} / {@code virtproxyd} authentication failures: SASL step failures, SASL and TLS identities
 * refused by the allow list, and polkit denials. libvirt does not log the client's address there, so the
 * events carry none.
 */
final class LibvirtdParser implements ProductParser {

    private static final String SERVICE = "libvirtd";

    @Override
    public boolean handles(SyslogRecord r) {
        return r.programIs("libvirtd") || r.programIs("virtproxyd");
    }

    @Override
    public AuthEvent parse(SyslogRecord r) {
        String line = r.line();
        int m = r.messageStart();
        if (line.indexOf(" error : ", m) < 0 && !line.startsWith("error : ", m)) {
            return null;
        }
        int i;
        if ((i = Text.after(line, "SASL client ", m)) > 0 && line.indexOf("not allowed", i) > 0) {
            return failure(r, Text.token(line, i));
        }
        if ((i = Text.after(line, "Policy kit denied action ", m)) > 0) {
            int uid = Text.after(line, "uid ", i);
            String id = uid < 0 ? null : Text.token(line, uid);
            if (id != null && id.endsWith(":")) {
                id = id.substring(0, id.length() - 1);
            }
            return failure(r, id == null ? null : "uid=" + id);
        }
        if (line.indexOf("authentication failed", m) > 0 || line.indexOf("Authentication failed", m) > 0) {
            return failure(r, null);
        }
        if ((i = Text.after(line, "Client's Distinguished Name ", m)) > 0 || line.indexOf("not allowed in whitelist", m) > 0
                || line.indexOf("not allowed in acl", m) > 0) {
            return failure(r, i > 0 ? Text.until(line, i, " is not") : null);
        }
        return null;
    }

    private static AuthEvent failure(SyslogRecord r, String user) {
        return new AuthEvent(r.time(), r.host(), SERVICE, AuthOutcome.FAILURE, user, null, 1, false, r.line());
    }
}
