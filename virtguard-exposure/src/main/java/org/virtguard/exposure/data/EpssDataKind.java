package org.virtguard.exposure.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.virtguard.exposure.ExposureDataException;
import org.virtguard.exposure.epss.EpssScores;

/** FIRST EPSS daily scores ({@code .csv} or {@code .csv.gz}); one data set ({@code epss}) dated by its score date. */
public final class EpssDataKind implements DataKind {

    static final long MAX_BYTES = 256L * 1024 * 1024;

    @Override
    public String name() {
        return "epss";
    }

    @Override
    public boolean detects(DataFile file, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("#model_version") || text.toLowerCase(java.util.Locale.ROOT).startsWith("cve,epss");
    }

    @Override
    public ParsedDataSet parse(DataFile file) {
        EpssScores scores;
        try (InputStream in = file.open()) {
            scores = EpssScores.read(in, file.name());
        } catch (IOException e) {
            throw new ExposureDataException(file.name() + ": cannot read: " + e.getMessage(), e);
        }
        return new ParsedDataSet(name(), "epss", scores.scoreDate(), scores.size(), scores.skipped(),
                file.readAll(MAX_BYTES), scores);
    }
}
