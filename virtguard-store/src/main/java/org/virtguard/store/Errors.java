package org.virtguard.store;

import java.sql.SQLException;

/** Turns exceptions into one-line operator messages. */
final class Errors {

    private static final int MIN_SECRET_LENGTH = 3;

    private Errors() {
    }

    /**
     * The most telling message in a cause chain: the deepest {@link SQLException}'s (drivers put the
     * useful words there), else the deepest cause's, else a class name.
     */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        Throwable sql = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof SQLException && hasMessage(t)) {
                sql = t;
            }
        }
        Throwable best = sql != null ? sql : root;
        return hasMessage(best) ? best.getMessage() : best.getClass().getSimpleName();
    }

    private static boolean hasMessage(Throwable t) {
        return t.getMessage() != null && !t.getMessage().isBlank();
    }

    /** The text on one line, with a secret masked wherever it occurs. */
    static String oneLine(String text, String secret) {
        String line = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            line = line.replace(secret, "***");
        }
        return line;
    }
}
