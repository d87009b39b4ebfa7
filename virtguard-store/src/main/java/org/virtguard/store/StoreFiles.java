package org.virtguard.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files of the embedded H2 store inside its data directory. */
final class StoreFiles {

    /** H2's suffix of the database file. */
    static final String SUFFIX = ".mv.db";

    private StoreFiles() {
    }

    /** The database file of the store in {@code dir}. */
    static Path database(Path dir) {
        return dir.resolve(StoreConfig.EMBEDDED_DB_NAME + SUFFIX);
    }

    /** Whether {@code dir} holds an embedded store. */
    static boolean exists(Path dir) {
        return Files.isRegularFile(database(dir));
    }
}
