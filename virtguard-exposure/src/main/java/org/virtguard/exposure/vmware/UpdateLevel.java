package org.virtguard.exposure.vmware;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VMware update level within a release line: {@code GA} (0), {@code 6.5.0e} (0 e), {@code Update 1} (1),
 * {@code U3n} (3 n), NVD's {@code update01}, {@code update3n}. Ordered by number, then letter.
 *
 * @param number the update number, 0 for the initial release
 * @param letter the patch letter, empty for none
 */
public record UpdateLevel(int number, String letter) implements Comparable<UpdateLevel> {

    public static final UpdateLevel GA = new UpdateLevel(0, "");
    private static final Pattern UPDATE = Pattern.compile("(?i)(?:\\bupdate\\s*|\\bu)0*(\\d{1,2})\\s*([a-z]?)\\b");
    private static final Pattern LETTER_RELEASE = Pattern.compile("(?i)\\b\\d+\\.\\d+(?:\\.\\d+)?([a-z])\\b");
    private static final Pattern QUALIFIER = Pattern.compile("(?i)(?:update|u)[_ ]?0*(\\d{1,2})([a-z]?)");

    /** The level named in a release name such as {@code vCenter Server Appliance 6.5 Update 1g} or {@code 6.5.0e}. */
    public static Optional<UpdateLevel> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = UPDATE.matcher(name);
        if (m.find()) {
            return Optional.of(new UpdateLevel(Integer.parseInt(m.group(1)), m.group(2).toLowerCase(Locale.ROOT)));
        }
        Matcher l = LETTER_RELEASE.matcher(name);
        if (l.find()) {
            return Optional.of(new UpdateLevel(0, l.group(1).toLowerCase(Locale.ROOT)));
        }
        return Optional.of(GA);
    }

    /**
     * The level an NVD update qualifier names: {@code -} (GA), {@code update01}, {@code update3n}, {@code u1},
     * a lone letter ({@code e} = {@code 6.5.0e}); empty for anything else (bulletins, {@code beta}).
     */
    public static Optional<UpdateLevel> fromQualifier(String qualifier) {
        String q = qualifier.toLowerCase(Locale.ROOT);
        if (q.equals("-") || q.equals("ga")) {
            return Optional.of(GA);
        }
        if (q.matches("[a-z]")) {
            return Optional.of(new UpdateLevel(0, q));
        }
        Matcher m = QUALIFIER.matcher(q);
        if (m.matches()) {
            return Optional.of(new UpdateLevel(Integer.parseInt(m.group(1)), m.group(2)));
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(UpdateLevel o) {
        int c = Integer.compare(number, o.number);
        return c != 0 ? c : letter.compareTo(o.letter);
    }

    @Override
    public String toString() {
        return number == 0 ? (letter.isEmpty() ? "GA" : letter) : "U" + number + letter;
    }
}
