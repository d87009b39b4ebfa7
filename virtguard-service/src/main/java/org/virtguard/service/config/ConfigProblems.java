package org.virtguard.service.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.ErrorCode;
import org.virtguard.service.ServiceException;

/**
 * The problems found in one configuration file, each told as {@code file:line:column: key.path: message}. Knows
 * where every key and value of the file stands, so a check that only knows a key path can still name the line.
 */
final class ConfigProblems {

    /** Problems listed in full; the rest are only counted. */
    static final int MAX_REPORTED = 50;
    private static final int MAX_ECHO = 80;

    private final String file;
    private final Map<String, TextPosition> values = new HashMap<>();
    private final Map<String, TextPosition> keys = new HashMap<>();
    /** Problems kept for sorting by position; beyond this only counted. */
    private static final int MAX_KEPT = 1000;
    private static final Comparator<Problem> IN_FILE_ORDER = Comparator.comparing(Problem::position,
            Comparator.nullsFirst(Comparator.comparingInt(TextPosition::line).thenComparingInt(TextPosition::column)));

    private final List<Problem> problems = new ArrayList<>();
    private int count;

    private record Problem(TextPosition position, String line) {
    }

    ConfigProblems(String file) {
        this.file = file;
    }

    /** Remembers where the value at {@code path} starts. */
    void valueAt(String path, TextPosition position) {
        if (position != null) {
            values.putIfAbsent(path, position);
        }
    }

    /** Remembers where the key of {@code path} stands. */
    void keyAt(String path, TextPosition position) {
        if (position != null) {
            keys.putIfAbsent(path, position);
        }
    }

    /** A problem with the value at {@code path} (or, when it was left out, with its closest written parent). */
    void value(String path, String message) {
        add(valuePosition(path), path.isEmpty() ? message : path + ": " + message);
    }

    /** A problem with a key, told by a sentence that names the key path itself. */
    void keySentence(String path, String sentence) {
        TextPosition position = keys.get(path);
        add(position != null ? position : valuePosition(path), sentence);
    }

    /** A problem at a known position, told by a sentence that names the key path itself. */
    void at(TextPosition position, String sentence) {
        add(position, sentence);
    }

    /** A problem with no position (the file as a whole). */
    void file(String message) {
        add(null, message);
    }

    private void add(TextPosition position, String message) {
        count++;
        if (problems.size() < MAX_KEPT) {
            problems.add(new Problem(position, file + (position == null ? "" : ":" + position) + ": " + message));
        }
    }

    /** Where the value at {@code path} starts, or where its closest written parent does. */
    TextPosition valuePosition(String path) {
        String p = path;
        while (true) {
            TextPosition position = values.get(p);
            if (position != null || p.isEmpty()) {
                return position;
            }
            p = parent(p);
        }
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The problems as one exception, one problem a line in the order of the file; throws nothing itself. */
    ServiceException exception() {
        List<String> lines = problems.stream().sorted(IN_FILE_ORDER).limit(MAX_REPORTED).map(Problem::line).toList();
        StringBuilder text = new StringBuilder(String.join("\n", lines));
        if (count > lines.size()) {
            text.append('\n').append(file).append(": ").append(count - lines.size()).append(" more problems not shown");
        }
        return ServiceException.invalid(ErrorCode.INVALID_CONFIG, text.toString());
    }

    /** Throws the problems found so far, if any. */
    void throwIfAny() {
        if (!isEmpty()) {
            throw exception();
        }
    }

    /** A value written by the operator, quoted for a message: control characters escaped, long text cut. */
    static String quote(Object value) {
        return "'" + clean(value) + "'";
    }

    /** A value written by the operator, for a message: control characters escaped, long text cut. */
    static String clean(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < MAX_ECHO; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append(text.length() > MAX_ECHO ? "…" : "").toString();
    }

    /** The path of a key below {@code path}. */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The path of a list entry below {@code path}. */
    static String index(String path, int index) {
        return path + "[" + index + "]";
    }
}
