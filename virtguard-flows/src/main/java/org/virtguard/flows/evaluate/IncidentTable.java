package org.virtguard.flows.evaluate;

import org.virtguard.flows.enrich.AddressTable;

/**
 * Ongoing incidents by a two-long key, so a repeating event updates one alert instead of raising many: reports
 * the first occurrence and then at most once per window. Bounded; forgets everything when full.
 */
final class IncidentTable {

    /** First and last time, occurrences, and when it was last reported. */
    static final class Incident {
        long first;
        long last;
        long count;
        long reported = Long.MIN_VALUE;
    }

    private final AddressTable<Incident> incidents = new AddressTable<>();
    private final long windowMillis;
    private final int max;

    IncidentTable(long windowMillis, int max) {
        this.windowMillis = windowMillis;
        this.max = max;
    }

    /** Counts an occurrence; returns the incident when it is due to be reported, else {@code null}. */
    Incident occur(long hi, long lo, long now) {
        Incident i = incidents.get(hi, lo);
        if (i == null) {
            if (incidents.size() >= max) {
                incidents.clear();
            }
            i = new Incident();
            i.first = now;
            incidents.put(hi, lo, i);
        }
        i.last = Math.max(i.last, now);
        i.count++;
        if (i.reported == Long.MIN_VALUE || now - i.reported >= windowMillis) {
            i.reported = now;
            return i;
        }
        return null;
    }
}
