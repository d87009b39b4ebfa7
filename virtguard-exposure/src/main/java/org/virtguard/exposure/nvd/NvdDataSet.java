package org.virtguard.exposure.nvd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CVE records read from NVD files, with what was read from where and what was skipped. Immutable; a record
 * that appears in several files is kept once, in its most recently modified form.
 *
 * @param records  the records, one per CVE id
 * @param files    one entry per file read
 * @param problems what could not be read, each naming the file (and record and field), at most
 *                 {@link #MAX_PROBLEMS}
 */
public record NvdDataSet(List<CveRecord> records, List<SourceFile> files, List<String> problems) {

    /** How many problems are kept; the count of skipped records is always exact. */
    public static final int MAX_PROBLEMS = 200;

    /**
     * One file that was read.
     *
     * @param path      the file
     * @param records   records read
     * @param skipped   records skipped as unreadable (each named in {@code problems})
     * @param dataDate  the feed's timestamp, or else the newest {@code lastModified} among its records; {@code null}
     *                  when the file had neither
     */
    public record SourceFile(String path, int records, int skipped, LocalDate dataDate) {
    }

    public NvdDataSet {
        records = List.copyOf(records);
        files = List.copyOf(files);
        problems = List.copyOf(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems);
    }

    public static NvdDataSet empty() {
        return new NvdDataSet(List.of(), List.of(), List.of());
    }

    /** Records skipped in all files. */
    public int skipped() {
        return files.stream().mapToInt(SourceFile::skipped).sum();
    }

    /** The newest data date over all files, or {@code null}. */
    public LocalDate newestDataDate() {
        return files.stream().map(SourceFile::dataDate).filter(d -> d != null).max(Comparator.naturalOrder())
                .orElse(null);
    }

    /** The union of data sets; for a CVE present in several, the most recently modified record wins. */
    public static NvdDataSet merge(Collection<NvdDataSet> sets) {
        Map<String, CveRecord> byId = new LinkedHashMap<>();
        List<SourceFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (NvdDataSet set : sets) {
            for (CveRecord r : set.records()) {
                byId.merge(r.id(), r, NvdDataSet::newer);
            }
            files.addAll(set.files());
            problems.addAll(set.problems());
        }
        return new NvdDataSet(new ArrayList<>(byId.values()), files, problems);
    }

    static CveRecord newer(CveRecord a, CveRecord b) {
        if (a.lastModified() == null) {
            return b;
        }
        return b.lastModified() != null && b.lastModified().isAfter(a.lastModified()) ? b : a;
    }
}
