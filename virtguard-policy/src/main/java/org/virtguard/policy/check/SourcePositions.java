package org.virtguard.policy.check;

/**
 * Finds where the value of a top-level or nested YAML key starts in a file's text, so that an error
 * inside an embedded CEL expression can be reported at its real line and column in the file.
 * Supports plain and quoted one-line values and literal block scalars ({@code |}).
 */
public final class SourcePositions {

    /** A position: 1-based line and column of the expression's first character in the file. */
    public record Position(int line, int column, boolean block, int blockIndent) {
    }

    private final String[] lines;

    public SourcePositions(String text) {
        this.lines = text.split("\n", -1);
    }

    /** Where the value of {@code key} (first occurrence at the given indentation or deeper) starts. */
    public Position valueOf(String key) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.stripLeading();
            if (!trimmed.startsWith(key + ":")) {
                continue;
            }
            int keyCol = line.length() - trimmed.length();
            int valueStart = keyCol + key.length() + 1;
            while (valueStart < line.length() && line.charAt(valueStart) == ' ') {
                valueStart++;
            }
            String rest = valueStart < line.length() ? line.substring(valueStart) : "";
            if (rest.startsWith("|") || rest.startsWith(">") || rest.isEmpty()) {
                int next = i + 1;
                while (next < lines.length && lines[next].isBlank()) {
                    next++;
                }
                if (next >= lines.length) {
                    return new Position(i + 1, valueStart + 1, false, 0);
                }
                String body = lines[next];
                int indent = body.length() - body.stripLeading().length();
                return new Position(next + 1, indent + 1, true, indent);
            }
            boolean quoted = rest.startsWith("\"") || rest.startsWith("'");
            return new Position(i + 1, valueStart + 1 + (quoted ? 1 : 0), false, 0);
        }
        return new Position(1, 1, false, 0);
    }

    /** Maps a 1-based line/column inside the expression text to the file position. */
    public static int[] map(Position start, int exprLine, int exprColumn) {
        if (exprLine <= 1) {
            return new int[]{start.line(), start.column() + Math.max(exprColumn, 1) - 1};
        }
        int column = start.block() ? start.blockIndent() + exprColumn : exprColumn;
        return new int[]{start.line() + exprLine - 1, column};
    }

    /** Line and column of the first occurrence of {@code needle} as a whole word, or 1:1. */
    public Position find(String needle) {
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(needle);
            while (at >= 0) {
                boolean startOk = at == 0 || !Character.isLetterOrDigit(lines[i].charAt(at - 1));
                int end = at + needle.length();
                boolean endOk = end >= lines[i].length() || !Character.isLetterOrDigit(lines[i].charAt(end));
                if (startOk && endOk) {
                    return new Position(i + 1, at + 1, false, 0);
                }
                at = lines[i].indexOf(needle, at + 1);
            }
        }
        return new Position(1, 1, false, 0);
    }
}
