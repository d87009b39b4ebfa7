package org.virtguard.cli.inventory;

/** Small formatting helpers for tables. */
final class Formats {

    private Formats() {
    }

    static String bytes(long bytes) {
        if (bytes <= 0) {
            return "";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value == Math.rint(value) ? String.format("%d %s", (long) value, units[unit])
                : String.format("%.1f %s", value, units[unit]);
    }
}
