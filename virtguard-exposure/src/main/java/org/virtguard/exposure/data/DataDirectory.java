package org.virtguard.exposure.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.virtguard.exposure.ExposureDataException;

/**
 * Reads every file directly in a directory with the data kinds: each file is accepted (parsed, ready to store),
 * rejected (with an error naming the file) or ignored (no kind recognises it). One bad file never stops the others.
 * A file whose records all fail their checks is rejected, so it cannot replace good data with nothing; two files
 * for the same data set are both rejected.
 */
public final class DataDirectory {

    /** At most this many files are looked at. */
    public static final int MAX_FILES = 10_000;

    /**
     * What happened to one file.
     *
     * @param file     the file's name
     * @param accepted the parsed data set, or {@code null}
     * @param error    why it was rejected, or {@code null}
     * @param ignored  why it was ignored, or {@code null}
     * @param sha256   its SHA-256, or {@code null} when it could not be read
     * @param bytes    its size on disk
     */
    public record Outcome(String file, ParsedDataSet accepted, String error, String ignored, String sha256,
                          long bytes) {
    }

    private DataDirectory() {
    }

    public static List<Outcome> read(Path dir, DataKinds kinds) {
        if (!Files.isDirectory(dir)) {
            throw new ExposureDataException(dir + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().limit(MAX_FILES + 1L).toList();
        } catch (IOException e) {
            throw new ExposureDataException(dir + ": cannot list: " + e.getMessage(), e);
        }
        if (files.size() > MAX_FILES) {
            throw new ExposureDataException(dir + ": more than " + MAX_FILES + " files");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Path path : files) {
            outcomes.add(one(path, kinds));
        }
        return duplicatesRejected(outcomes);
    }

    /** Reads one file. */
    public static Outcome one(Path path, DataKinds kinds) {
        String name = String.valueOf(path.getFileName());
        DataFile file;
        try {
            file = DataFile.of(path);
        } catch (ExposureDataException e) {
            return new Outcome(name, null, e.getMessage(), null, null, -1);
        }
        if (file.name().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
            try (java.io.InputStream in = file.open()) {
                in.read();
            } catch (IOException | ExposureDataException e) {
                return new Outcome(name, null, name + ": not a readable gzip file (truncated or corrupt)", null,
                        file.sha256(), file.size());
            }
        }
        var kind = kinds.detect(file);
        if (kind.isEmpty()) {
            return new Outcome(name, null, null, "not a vulnerability data file VirtGuard reads", file.sha256(),
                    file.size());
        }
        try {
            ParsedDataSet parsed = kind.get().parse(file);
            if (parsed.records() == 0) {
                return new Outcome(name, null, name + ": no " + kind.get().name() + " record could be read"
                        + (parsed.skippedCount() > 0 ? " (" + parsed.skippedCount() + " skipped: "
                        + parsed.skipped().keySet() + ")" : ""), null, file.sha256(), file.size());
            }
            return new Outcome(name, parsed, null, null, file.sha256(), file.size());
        } catch (ExposureDataException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage();
            return new Outcome(name, null, message.contains(name) ? message : name + ": " + message, null,
                    file.sha256(), file.size());
        } catch (RuntimeException e) {
            return new Outcome(name, null, name + ": cannot be read as " + kind.get().name() + " data ("
                    + e.getClass().getSimpleName() + ")", null, file.sha256(), file.size());
        }
    }

    private static List<Outcome> duplicatesRejected(List<Outcome> outcomes) {
        Map<String, List<String>> byKey = new HashMap<>();
        outcomes.stream().filter(o -> o.accepted() != null)
                .forEach(o -> byKey.computeIfAbsent(o.accepted().key(), k -> new ArrayList<>()).add(o.file()));
        List<Outcome> result = new ArrayList<>();
        for (Outcome o : outcomes) {
            List<String> same = o.accepted() == null ? List.of() : byKey.get(o.accepted().key());
            if (same.size() > 1) {
                result.add(new Outcome(o.file(), null, o.file() + ": data set " + o.accepted().key()
                        + " is in more than one file " + same + "; keep one", null, o.sha256(), o.bytes()));
            } else {
                result.add(o);
            }
        }
        return result;
    }
}
