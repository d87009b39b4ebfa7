package org.virtguard.logs.intake;

import java.time.ZoneOffset;

import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.Alert;
import org.virtguard.spi.EndpointResolver;

/** Test helpers for building pipelines and finding alerts. */
final class Pipelines {

    private Pipelines() {
    }

    static LogPipeline offline(int year) {
        return new LogPipeline(YearInference.startingIn(year, ZoneOffset.UTC),
                new AuthDetector(DetectorConfig.defaults(), EndpointResolver.none(), AlertListener.none()), new IntakeStats());
    }

    static Alert bruteForceFrom(LogPipeline p, String source) {
        return p.detector().alerts().stream()
                .filter(a -> a.kind().equals("auth.bruteforce") && a.source().address().equals(source))
                .findFirst().orElse(null);
    }
}
