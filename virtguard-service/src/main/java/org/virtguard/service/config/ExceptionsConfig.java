package org.virtguard.service.config;

/**
 * Limits on the exceptions (accepted risks) people grant in the console or the API.
 *
 * @param maxDays          the longest an exception may last, in days from its grant (default 365)
 * @param minJustification the fewest characters a justification may hold (default 20)
 */
public record ExceptionsConfig(Integer maxDays, Integer minJustification) {

    /** Default longest lifetime, in days. */
    public static final int DEFAULT_MAX_DAYS = 365;
    /** Default shortest justification, in characters. */
    public static final int DEFAULT_MIN_JUSTIFICATION = 20;

    public ExceptionsConfig {
        maxDays = maxDays == null ? DEFAULT_MAX_DAYS : maxDays;
        minJustification = minJustification == null ? DEFAULT_MIN_JUSTIFICATION : minJustification;
    }

    public static ExceptionsConfig defaults() {
        return new ExceptionsConfig(null, null);
    }
}
