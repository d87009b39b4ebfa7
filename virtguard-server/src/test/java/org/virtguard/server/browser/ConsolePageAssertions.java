package org.virtguard.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/**
 * What no console page may show a user: Java record text ({@code ResourceRef[}), raw maps ({@code {key=value}}),
 * Java exception names, CEL source positions ({@code <input>:}) or stack traces.
 */
final class ConsolePageAssertions {

    private static final Pattern RAW_MAP = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_.-]*=|\\{}");
    /** A Java exception's name ({@code StoreException}, {@code java.lang.IllegalStateException: ...}), not the word
     * "Exception" alone, which the findings page uses for accepted risks. */
    private static final Pattern EXCEPTION = Pattern.compile("[A-Za-z]Exception\\b|Exception:");
    /** A Java record's toString, e.g. {@code VlanConfig[mode=NONE, ...]}. */
    private static final Pattern RECORD = Pattern.compile("\\b[A-Z][A-Za-z0-9]+\\[[a-z][A-Za-z0-9]*=");
    private static final Pattern STACK = Pattern.compile("\\bat (java|org|com|io)\\.[A-Za-z0-9_.$]+\\(");

    private ConsolePageAssertions() {
    }

    /** Asserts the page's visible text and its HTML are free of internal text. */
    static void assertClean(String page, String visibleText, String html) {
        assertNoLeaks(page, visibleText, html);
        for (String text : new String[] {visibleText, html}) {
            assertThat(text).as(page + ": record text").doesNotContain("ResourceRef[");
            assertThat(RECORD.matcher(text).find()).as(page + ": record text in " + excerpt(RECORD, text)).isFalse();
        }
        assertThat(RAW_MAP.matcher(visibleText).find()).as(page + ": raw map in " + excerpt(RAW_MAP, visibleText)).isFalse();
    }

    /** Asserts no exception name, CEL position or stack trace shows. */
    static void assertNoLeaks(String page, String visibleText, String html) {
        for (String text : new String[] {visibleText, html}) {
            assertThat(EXCEPTION.matcher(text).find()).as(page + ": exception name in " + excerpt(EXCEPTION, text)).isFalse();
            assertThat(text).as(page + ": CEL position").doesNotContain("<input>:").doesNotContain("&lt;input&gt;:");
            assertThat(STACK.matcher(text).find()).as(page + ": stack trace").isFalse();
        }
    }

    private static String excerpt(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        return m.find() ? text.substring(Math.max(0, m.start() - 60), Math.min(text.length(), m.end() + 60)) : "";
    }
}
