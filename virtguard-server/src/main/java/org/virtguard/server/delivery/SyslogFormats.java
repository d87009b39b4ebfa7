package org.virtguard.server.delivery;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import org.virtguard.model.Alert;
import org.virtguard.model.Finding;
import org.virtguard.model.Severity;
import org.virtguard.store.InventoryJson;

/**
 * Alerts and finding events as syslog messages for SIEMs: ArcSight CEF, and RFC 5424 with the alert or event as
 * structured JSON.
 */
public final class SyslogFormats {

    private static final String VERSION = "0.1";
    private static final int FACILITY_SECURITY = 13;

    private SyslogFormats() {
    }

    /** {@code CEF:0|VirtGuard|VirtGuard|0.1|<kind>|<title>|<0-10>|ext...} with CEF escaping. */
    public static String cef(Alert alert) {
        Map<String, String> ext = new TreeMap<>();
        ext.put("cs1", alert.key());
        ext.put("cs1Label", "incidentKey");
        ext.put("cnt", Long.toString(alert.count()));
        ext.put("start", Long.toString(alert.firstSeen().toEpochMilli()));
        ext.put("end", Long.toString(alert.lastSeen().toEpochMilli()));
        if (alert.source() != null && alert.source().address() != null) {
            ext.put("src", alert.source().address());
        }
        if (alert.target() != null && alert.target().address() != null) {
            ext.put("dst", alert.target().address());
        }
        return cef(alert.kind(), alert.title() == null ? alert.kind() : alert.title(), alert.severity(), ext);
    }

    /**
     * A finding event as CEF: signature {@code finding.opened} or {@code finding.resolved}, name the check's
     * title, the check id, resource and message as extensions.
     */
    public static String cef(FindingEvent event) {
        Finding f = event.finding();
        Map<String, String> ext = new TreeMap<>();
        ext.put("cs1", f.checkId());
        ext.put("cs1Label", "checkId");
        ext.put("cs2", f.resource().id());
        ext.put("cs2Label", "resourceId");
        ext.put("cs3", f.status().name());
        ext.put("cs3Label", "status");
        ext.put("rt", Long.toString(event.at().toEpochMilli()));
        if (f.resource().name() != null) {
            ext.put("dhost", f.resource().name());
        }
        if (f.message() != null) {
            ext.put("msg", f.message());
        }
        return cef(event.event(), f.title() == null ? f.checkId() : f.title(), f.severity(), ext);
    }

    private static String cef(String signature, String name, Severity severity, Map<String, String> ext) {
        StringBuilder out = new StringBuilder("CEF:0|VirtGuard|VirtGuard|").append(VERSION).append('|')
                .append(header(signature)).append('|').append(header(name))
                .append('|').append(cefSeverity(severity)).append('|');
        String sep = "";
        for (Map.Entry<String, String> e : ext.entrySet()) {
            out.append(sep).append(e.getKey()).append('=').append(extension(e.getValue()));
            sep = " ";
        }
        return out.toString();
    }

    /** An RFC 5424 message (without transport framing) whose MSG is the alert as JSON. */
    public static String rfc5424(Alert alert, String hostname) {
        return rfc5424(alert.severity(), alert.lastSeen(), hostname, alert.kind(), InventoryJson.write(alert));
    }

    /** An RFC 5424 message (without transport framing) whose MSGID is the event and MSG the event as JSON. */
    public static String rfc5424(FindingEvent event, String hostname) {
        return rfc5424(event.finding().severity(), event.at(), hostname, event.event(), InventoryJson.write(event));
    }

    /**
     * An audit checkpoint as RFC 5424 (without transport framing): MSGID {@code audit.checkpoint}, MSG the
     * checkpoint's JSON line, signature included, so the SIEM keeps a copy the store's owner cannot rewrite.
     */
    public static String rfc5424(org.virtguard.server.audit.AuditCheckpoint checkpoint, String hostname) {
        return rfc5424(Severity.INFO, checkpoint.at(), hostname, "audit.checkpoint", checkpoint.line());
    }

    /** An audit checkpoint as CEF: the entry, its hash and the HMAC as extensions. */
    public static String cef(org.virtguard.server.audit.AuditCheckpoint checkpoint) {
        Map<String, String> ext = new TreeMap<>();
        ext.put("cn1", Long.toString(checkpoint.seq()));
        ext.put("cn1Label", "auditSeq");
        ext.put("cs1", checkpoint.headHash());
        ext.put("cs1Label", "auditHeadHash");
        ext.put("cs2", checkpoint.mac());
        ext.put("cs2Label", "checkpointHmacSha256");
        ext.put("cs3", checkpoint.at().toString());
        ext.put("cs3Label", "checkpointAt");
        ext.put("rt", Long.toString(checkpoint.at().toEpochMilli()));
        return cef("audit.checkpoint", "Audit log checkpoint", Severity.INFO, ext);
    }

    private static String rfc5424(Severity severity, java.time.Instant at, String hostname, String msgId,
                                  String json) {
        int pri = FACILITY_SECURITY * 8 + syslogSeverity(severity);
        String host = hostname == null || hostname.isBlank() ? "-" : hostname.replaceAll("[^\\x21-\\x7e]", "_");
        return "<" + pri + ">1 " + DateTimeFormatter.ISO_INSTANT.format(at) + " " + host
                + " virtguard - " + msgId.replaceAll("[^\\x21-\\x7e]", "_") + " - " + json;
    }

    static int cefSeverity(Severity s) {
        return switch (s) {
            case INFO -> 1;
            case LOW -> 3;
            case MEDIUM -> 5;
            case HIGH -> 8;
            case CRITICAL -> 10;
        };
    }

    static int syslogSeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> 2;
            case HIGH -> 3;
            case MEDIUM -> 4;
            case LOW -> 5;
            case INFO -> 6;
        };
    }

    private static String header(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    private static String extension(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n");
    }
}
