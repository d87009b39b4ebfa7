package org.virtguard.service.exposure;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.exposure.ExposureDataException;
import org.virtguard.exposure.data.DataDirectory;
import org.virtguard.exposure.data.DataKinds;
import org.virtguard.exposure.data.ParsedDataSet;
import org.virtguard.model.ErrorCode;
import org.virtguard.service.ServiceException;
import org.virtguard.store.Store;
import org.virtguard.store.StoreException;
import org.virtguard.store.vulndata.StoredDataSet;

/**
 * {@code virtguard exposure update --from DIR}: reads every file in the directory with the data kinds and stores each
 * accepted data set, replacing the previous load of the same set in one transaction. A rejected file is reported with
 * its error and changes nothing; the other files still load.
 */
public final class ExposureDataUpdate {

    /**
     * What happened to one file.
     *
     * @param file     the file's name
     * @param status   {@code loaded}, {@code rejected} or {@code ignored}
     * @param stored   the stored data set when loaded, else {@code null}
     * @param message  the error (rejected) or the reason (ignored), else {@code null}
     */
    public record FileResult(String file, String status, StoredDataSet stored, String message) {
    }

    private ExposureDataUpdate() {
    }

    /** Loads {@code dir} into {@code store}. */
    public static List<FileResult> run(Store store, Path dir, DataKinds kinds, Clock clock) {
        List<DataDirectory.Outcome> outcomes;
        try {
            outcomes = DataDirectory.read(dir, kinds);
        } catch (ExposureDataException e) {
            throw new ServiceException(ErrorCode.INVALID_INPUT, e.getMessage());
        }
        List<FileResult> results = new ArrayList<>();
        for (DataDirectory.Outcome o : outcomes) {
            if (o.accepted() == null) {
                results.add(new FileResult(o.file(), o.error() != null ? "rejected" : "ignored", null,
                        o.error() != null ? o.error() : o.ignored()));
                continue;
            }
            ParsedDataSet p = o.accepted();
            StoredDataSet row = new StoredDataSet(0, p.key(), p.kind(), o.file(), o.sha256(), o.bytes(), p.dataDate(),
                    clock.instant(), p.records(), p.skipped(), p.payload().length);
            try {
                results.add(new FileResult(o.file(), "loaded", store.vulnerabilityData().replace(row, p.payload()),
                        null));
            } catch (StoreException e) {
                results.add(new FileResult(o.file(), "rejected", null, o.file()
                        + ": could not be stored; the previous " + p.key() + " data is unchanged"));
            }
        }
        return results;
    }
}
