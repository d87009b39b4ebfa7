package org.virtguard.server.delivery;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import org.virtguard.model.Alert;
import org.virtguard.model.Severity;
import org.virtguard.store.InventoryJson;

/** Alerts as syslog messages for SIEMs: ArcSight CEF, and RFC 5424 with the alert as structured JSON. */
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
        StringBuilder out = new StringBuilder("CEF:0|VirtGuard|VirtGuard|").append(VERSION).append('|')
                .append(header(alert.kind())).append('|').append(header(alert.title() == null ? alert.kind() : alert.title()))
                .append('|').append(cefSeverity(alert.severity())).append('|');
        String sep = "";
        for (Map.Entry<String, String> e : ext.entrySet()) {
            out.append(sep).append(e.getKey()).append('=').append(extension(e.getValue()));
            sep = " ";
        }
        return out.toString();
    }

    /** An RFC 5424 message (without transport framing) whose MSG is the alert as JSON. */
    public static String rfc5424(Alert alert, String hostname) {
        int pri = FACILITY_SECURITY * 8 + syslogSeverity(alert.severity());
        String host = hostname == null || hostname.isBlank() ? "-" : hostname.replaceAll("[^\\x21-\\x7e]", "_");
        return "<" + pri + ">1 " + DateTimeFormatter.ISO_INSTANT.format(alert.lastSeen()) + " " + host
                + " virtguard - " + alert.kind().replaceAll("[^\\x21-\\x7e]", "_") + " - " + InventoryJson.write(alert);
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
