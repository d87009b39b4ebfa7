package org.virtguard.service.config;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * A line and column in the configuration file, both counted from 1.
 *
 * @param line   line number
 * @param column column number
 */
record TextPosition(int line, int column) {

    /** The position of a parser location, or {@code null} when the parser does not know it. */
    static TextPosition of(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return null;
        }
        return new TextPosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
