package org.virtguard.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes text meant for engineers that must never reach a user: evaluator positions ({@code <input>:41}), CEL
 * and Java error wording, exception class names, Java's {@code Record[a=b]} and {@code {k=v}} renderings, package
 * qualified class names and stack frames. Used to guard what pages, reports and the CLI print, and by tests that
 * assert nothing internal is shown.
 */
public final class InternalText {

    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("<input>:"),
            Pattern.compile("[A-Za-z]Exception\\b|\\bException[:(]|Exception in thread"),
            Pattern.compile("\\b(?:Throwable|StackOverflowError|OutOfMemoryError|AssertionError)\\b"),
            Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\[[a-z][A-Za-z0-9]*="),
            Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_.-]*="),
            Pattern.compile("\\b(?:java|javax|jdk|sun|dev\\.cel|org\\.virtguard|com\\.fasterxml|org\\.jdbi|io\\.javalin"
                    + "|com\\.google)\\.[a-z]+[.A-Za-z0-9$]*"),
            Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(?:\\.[\\w$<>]+)+\\([\\w$]*(?:\\.java)?(?::\\d+)?\\)"),
            Pattern.compile("is not present in map|[Nn]o such key|evaluation error at|no matching overload"));

    private InternalText() {
    }

    /** The first internal fragment in {@code text}, if any. */
    public static Optional<String> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} holds anything internal. */
    public static boolean contains(String text) {
        return find(text).isPresent();
    }
}
