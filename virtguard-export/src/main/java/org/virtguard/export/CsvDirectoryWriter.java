package org.virtguard.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The CSV tabs as files {@code NAME.csv} in one directory, created when missing; existing files are replaced. */
public final class CsvDirectoryWriter extends CsvTabs {

    private final Path directory;

    public CsvDirectoryWriter(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
    }

    @Override
    protected OutputStream open(String name) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(directory.resolve(name + ".csv"),
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }

    @Override
    protected void close(OutputStream stream) throws IOException {
        stream.close();
    }

    @Override
    protected void complete() {
        // every file was closed with its tab
    }
}
