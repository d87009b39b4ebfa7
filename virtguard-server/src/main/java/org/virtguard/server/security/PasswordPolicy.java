package org.virtguard.server.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must satisfy, after NIST SP 800-63B (5.1.1.2): a length of {@value #MIN_LENGTH} to
 * {@value #MAX_LENGTH} characters (counted as Unicode code points; any printable character, spaces included), not
 * only whitespace, not one character or one shorter sequence repeated, not a run such as {@code abcdef...}, not
 * containing the user name, and not on the shipped list of common and easily guessed passwords
 * ({@code common-passwords.txt}, compared after lower-casing, removing separators, stripping leading and trailing
 * digits and symbols and undoing common substitutions). No composition rules (NIST advises against them).
 * Messages name the rule and never repeat the password.
 */
public final class PasswordPolicy {

    /** Shortest password accepted, in characters. */
    public static final int MIN_LENGTH = 12;
    /** Longest password accepted, in characters. */
    public static final int MAX_LENGTH = PasswordHasher.MAX_PASSWORD_LENGTH;

    private static final String RESOURCE = "common-passwords.txt";
    private static final int MIN_WORD_FOR_COMBINATIONS = 4;
    private static final int MIN_NAME_LENGTH = 3;

    private final Set<String> blocked;
    private final Set<String> words;
    private final int longestWord;

    private PasswordPolicy(Set<String> blocked) {
        this.blocked = Set.copyOf(blocked);
        Set<String> w = new HashSet<>();
        for (String entry : blocked) {
            if (entry.length() >= MIN_WORD_FOR_COMBINATIONS && entry.chars().allMatch(Character::isLetter)) {
                w.add(entry);
            }
        }
        this.words = Set.copyOf(w);
        this.longestWord = w.stream().mapToInt(String::length).max().orElse(0);
    }

    /** A broken rule: its short name and a message for the user. */
    public record Violation(String rule, String message) {
    }

    /** The policy with the shipped list of common passwords. */
    public static PasswordPolicy standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final PasswordPolicy STANDARD = new PasswordPolicy(load());
    }

    /** The number of entries on the list (for documentation and tests). */
    public int blocklistSize() {
        return blocked.size();
    }

    /**
     * Checks a new password for {@code username}.
     *
     * @return the first rule it breaks, or empty when it is acceptable
     */
    public Optional<Violation> check(String username, CharSequence password) {
        if (password == null || password.isEmpty()) {
            return violation("length", "the password is empty: use at least " + MIN_LENGTH + " characters");
        }
        String pw = password.toString();
        int length = pw.codePointCount(0, pw.length());
        if (length < MIN_LENGTH) {
            return violation("length", "the password is too short: use at least " + MIN_LENGTH + " characters (it has "
                    + length + ")");
        }
        if (length > MAX_LENGTH) {
            return violation("length", "the password is too long: use at most " + MAX_LENGTH + " characters");
        }
        if (pw.codePoints().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c)
                || c == '\n' || c == '\r')) {
            return violation("characters", "the password must not contain control characters or line breaks");
        }
        if (pw.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return violation("whitespace", "the password must not be only spaces or other whitespace");
        }
        if (pw.codePoints().distinct().count() == 1) {
            return violation("repetition", "the password must not be one character repeated");
        }
        String lower = pw.toLowerCase(Locale.ROOT);
        if (repeatsAShorterSequence(lower)) {
            return violation("repetition", "the password must not be one shorter sequence repeated (like abcabcabc)");
        }
        if (isRun(lower)) {
            return violation("sequence", "the password must not be a run of consecutive characters (like abcdefgh or "
                    + "98765432)");
        }
        if (containsName(username, lower)) {
            return violation("username", "the password must not contain the user name");
        }
        if (isCommon(lower)) {
            return violation("common", "the password is on VirtGuard's list of common and easily guessed passwords "
                    + "(or is made of words from it, such as product names, 'admin', 'password' or keyboard walks): "
                    + "choose something less predictable, such as several unrelated words");
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(String rule, String message) {
        return Optional.of(new Violation(rule, message));
    }

    private static boolean repeatsAShorterSequence(String s) {
        int n = s.length();
        for (int unit = 1; unit <= n / 2; unit++) {
            if (n % unit == 0 && s.substring(0, unit).repeat(n / unit).equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRun(String s) {
        for (int direction : new int[] {1, -1}) {
            boolean run = true;
            for (int i = 1; i < s.length() && run; i++) {
                run = step(s.charAt(i - 1), s.charAt(i)) == direction;
            }
            if (run) {
                return true;
            }
        }
        return false;
    }

    private static int step(char a, char b) {
        if (Character.isDigit(a) && Character.isDigit(b)) {
            int d = Math.floorMod(b - a, 10);
            return d == 1 ? 1 : d == 9 ? -1 : 0;
        }
        return b - a;
    }

    private static boolean containsName(String username, String lowerPassword) {
        if (username == null) {
            return false;
        }
        String name = username.toLowerCase(Locale.ROOT);
        String compact = compact(lowerPassword);
        Set<String> forms = new HashSet<>();
        forms.add(name);
        forms.add(compact(name));
        int at = name.indexOf('@');
        if (at > 0) {
            forms.add(name.substring(0, at));
            forms.add(compact(name.substring(0, at)));
        }
        for (String form : forms) {
            if (form.length() >= MIN_NAME_LENGTH && (lowerPassword.contains(form) || compact.contains(form)
                    || unleet(compact).contains(form))) {
                return true;
            }
        }
        return false;
    }

    private boolean isCommon(String lower) {
        String compact = compact(lower);
        String trimmed = stripEnds(compact);
        String core = unleet(trimmed);
        String coreOfLeet = stripEnds(unleet(compact));
        for (String form : new String[] {lower, compact, trimmed, core, coreOfLeet}) {
            if (!form.isEmpty() && (blocked.contains(form) || madeOfWords(form))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} splits entirely into list words of four or more letters. */
    private boolean madeOfWords(String s) {
        int n = s.length();
        boolean[] reachable = new boolean[n + 1];
        reachable[0] = true;
        for (int i = 0; i < n; i++) {
            if (!reachable[i]) {
                continue;
            }
            for (int end = i + MIN_WORD_FOR_COMBINATIONS; end <= Math.min(n, i + longestWord); end++) {
                if (words.contains(s.substring(i, end))) {
                    reachable[end] = true;
                }
            }
        }
        return reachable[n];
    }

    private static String compact(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '-' && c != '_'
                && c != '.').forEach(b::appendCodePoint);
        return b.toString();
    }

    private static String stripEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String unleet(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7', '+' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                default -> c;
            });
        }
        return b.toString();
    }

    private static Set<String> load() {
        Set<String> entries = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String entry = line.strip().toLowerCase(Locale.ROOT);
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return entries;
    }
}
