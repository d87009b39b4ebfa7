package org.virtguard.policy.check;

/** A check or policy file that cannot be used; the message names the file, line and column. */
public final class CheckLoadException extends Exception {

    private final String file;
    private final int line;
    private final int column;

    public CheckLoadException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
