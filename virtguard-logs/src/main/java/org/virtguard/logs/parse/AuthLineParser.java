package org.virtguard.logs.parse;

import java.util.List;

/**
 * Parses one management-plane log line: the syslog header, then the product parser for its program (OpenSSH,
 * ESXi hostd, vCenter vpxd, Proxmox VE, libvirtd, Linux PAM). Not thread-safe: one per reading thread.
 */
public final class AuthLineParser {

    /** What became of the last line. */
    public enum Status { AUTH_EVENT, IGNORED, BAD_HEADER, BAD_TIMESTAMP }

    private final SyslogHeaderParser header;
    private final SyslogRecord record = new SyslogRecord();
    private final List<ProductParser> products = List.of(new OpenSshParser(), new VcenterParser(), new EsxiParser(),
            new ProxmoxParser(), new LibvirtdParser(), new LinuxPamParser());
    private Status status = Status.IGNORED;

    public AuthLineParser(YearInference years) {
        this.header = new SyslogHeaderParser(years);
    }

    /** The authentication event in {@code line}, or {@code null}; {@link #lastStatus()} says why not. */
    public AuthEvent parse(String line) {
        SyslogHeaderParser.Result result = header.parse(line, record);
        if (result != SyslogHeaderParser.Result.OK) {
            status = result == SyslogHeaderParser.Result.BAD_TIMESTAMP ? Status.BAD_TIMESTAMP : Status.BAD_HEADER;
            return null;
        }
        for (int i = 0; i < products.size(); i++) {
            ProductParser p = products.get(i);
            if (p.handles(record)) {
                AuthEvent e = p.parse(record);
                if (e != null) {
                    status = Status.AUTH_EVENT;
                    return e;
                }
                break;
            }
        }
        status = Status.IGNORED;
        return null;
    }

    /** The outcome of the last {@link #parse} call. */
    public Status lastStatus() {
        return status;
    }
}
