package org.virtguard.exposure.data;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.virtguard.exposure.KevCatalog;

/** The CISA KEV catalogue, JSON feed or CSV export; one data set ({@code kev}) dated by its {@code dateReleased}. */
public final class KevDataKind implements DataKind {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    @Override
    public String name() {
        return "kev";
    }

    @Override
    public boolean detects(DataFile file, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        return file.plainName().contains("known_exploited") || text.contains("\"catalogVersion\"")
                || text.stripLeading().startsWith("cveID,");
    }

    @Override
    public ParsedDataSet parse(DataFile file) {
        KevCatalog catalog = KevCatalog.parse(file.readAll(MAX_BYTES), file.name());
        Map<String, Integer> skipped = catalog.skipped() == 0 ? Map.of()
                : Map.of("no CVE id or an unreadable date", catalog.skipped());
        return new ParsedDataSet(name(), "kev", catalog.dateReleased(), catalog.size(), skipped,
                file.readAll(MAX_BYTES), catalog);
    }
}
