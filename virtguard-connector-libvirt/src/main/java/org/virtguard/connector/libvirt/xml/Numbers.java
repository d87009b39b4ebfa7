package org.virtguard.connector.libvirt.xml;

import java.util.Locale;

import org.virtguard.spi.ConnectorException;

/** Number parsing for libvirt XML values, with errors that name the field. */
final class Numbers {

    private Numbers() {
    }

    /** An integer in decimal or {@code 0x} hex, or {@code null} when the text is null or blank. */
    static Long parseLong(String text, XmlOrigin origin, String field) throws ConnectorException {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw LibvirtXml.invalid(origin, field, "'" + abbreviate(text) + "' is not a number");
        }
    }

    static Integer parseInt(String text, XmlOrigin origin, String field) throws ConnectorException {
        Long v = parseLong(text, origin, field);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw LibvirtXml.invalid(origin, field, "'" + abbreviate(text) + "' is out of range");
        }
        return v.intValue();
    }

    /**
     * A libvirt memory size in bytes: the value scaled by its {@code unit} attribute (KiB when absent;
     * {@code KB}, {@code MB}, ... are powers of 1000, {@code k}, {@code KiB}, {@code M}, {@code MiB}, ... of 1024).
     */
    static long memoryBytes(String value, String unit, XmlOrigin origin, String field) throws ConnectorException {
        Long v = parseLong(value, origin, field);
        if (v == null) {
            return 0;
        }
        long factor = unitFactor(unit, origin, field);
        if (v < 0 || (v > 0 && factor > Long.MAX_VALUE / v)) {
            throw LibvirtXml.invalid(origin, field, "'" + abbreviate(value) + " " + unit + "' is out of range");
        }
        return v * factor;
    }

    private static long unitFactor(String unit, XmlOrigin origin, String field) throws ConnectorException {
        if (unit == null || unit.isBlank()) {
            return 1024;
        }
        String u = unit.trim();
        if (u.equalsIgnoreCase("b") || u.equalsIgnoreCase("bytes")) {
            return 1;
        }
        int power = switch (Character.toLowerCase(u.charAt(0))) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            case 'p' -> 5;
            case 'e' -> 6;
            default -> -1;
        };
        String rest = u.substring(1);
        long base;
        if (rest.isEmpty() || rest.equalsIgnoreCase("ib")) {
            base = 1024;
        } else if (rest.equals("B")) {
            base = 1000;
        } else {
            base = -1;
        }
        if (power < 0 || base < 0) {
            throw LibvirtXml.invalid(origin, field + " unit", "'" + abbreviate(unit) + "' is not a size unit");
        }
        long f = 1;
        for (int i = 0; i < power; i++) {
            f *= base;
        }
        return f;
    }

    static String abbreviate(String text) {
        String t = text.replaceAll("\\s+", " ").trim();
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }
}
