package org.virtguard.flows.evaluate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.flows.decode.ClockSkew;
import org.virtguard.flows.decode.ClockSkewListener.SkewReport;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;

/**
 * The alert an operator sees when a flow exporter's clock runs ahead: one per exporter (raised again with the
 * same key as the skew goes on, so it updates rather than multiplies), dated by arrival time, never by the
 * exporter's clock.
 */
public final class ClockSkewAlert {

    /** The alert kind. */
    public static final String KIND = "flow.exporter.clock-skew";

    private ClockSkewAlert() {
    }

    /** The alert for {@code exporter}'s skew as reported. */
    public static Alert of(String exporter, SkewReport skew) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("exporter", exporter);
        attributes.put("aheadSeconds", Long.toString(skew.aheadMillis() / 1000));
        attributes.put("maxAheadSeconds", Long.toString(skew.maxAheadMillis() / 1000));
        attributes.put("boundSeconds", Long.toString(ClockSkew.MAX_AHEAD_MILLIS / 1000));
        attributes.put("records", Long.toString(skew.records()));
        String title = "Flow exporter " + exporter + " sends flow times " + ClockSkew.describe(skew.aheadMillis())
                + " ahead of their arrival: its clock is wrong (times kept as sent; detection uses arrival time)";
        return new Alert(KIND + "|" + exporter, KIND, Severity.MEDIUM, title, Endpoint.unattributed(exporter), null,
                Instant.ofEpochMilli(skew.firstArrival()), Instant.ofEpochMilli(skew.lastArrival()), skew.records(),
                attributes, List.of("largest lead " + ClockSkew.describe(skew.maxAheadMillis()) + " over arrival; "
                        + "bound " + ClockSkew.describe(ClockSkew.MAX_AHEAD_MILLIS)));
    }
}
