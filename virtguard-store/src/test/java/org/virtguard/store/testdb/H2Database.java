package org.virtguard.store.testdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.virtguard.store.StoreConfig;

/** A new embedded H2 file database in a temporary data directory. */
final class H2Database extends TestDatabase {

    private final Path dataDir;
    private final StoreConfig config;

    H2Database() throws IOException {
        this.dataDir = Files.createTempDirectory("virtguard-store-test");
        this.config = StoreConfig.embedded(dataDir.resolve("data"));
    }

    @Override
    protected TestDatabase create() throws IOException {
        return new H2Database();
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public StoreConfig config() {
        return config;
    }

    @Override
    protected void drop() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
