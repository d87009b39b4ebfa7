package org.virtguard.service.config;

import java.util.Locale;

import org.virtguard.model.ErrorCode;
import org.virtguard.service.ServiceException;

/**
 * Sizes in the configuration: a whole number with an optional unit, {@code B}, {@code KB}, {@code MB}, {@code GB}
 * or {@code TB} (powers of 1024; {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} mean the same), e.g.
 * {@code 64MB}.
 */
public final class ByteSizes {

    private ByteSizes() {
    }

    /**
     * The size in bytes.
     *
     * @throws ServiceException {@link ErrorCode#INVALID_CONFIG} when the text is not such a size or is too large
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
        int digits = 0;
        while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
            digits++;
        }
        String unit = t.substring(digits).trim();
        int shift = switch (unit) {
            case "", "B" -> 0;
            case "KB", "K" -> 10;
            case "MB", "M" -> 20;
            case "GB", "G" -> 30;
            case "TB", "T" -> 40;
            default -> -1;
        };
        if (digits == 0 || digits > 15 || shift < 0) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, "cannot read size '" + text
                    + "': use e.g. 512KB, 64MB, 2GB", true);
        }
        long amount = Long.parseLong(t.substring(0, digits));
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, "size '" + text + "' is too large", true);
        }
        return amount << shift;
    }
}
