package org.virtguard.store;

import java.io.IOException;
import java.nio.channels.FileChannel;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code synced:file:/path}) whose files are opened for writing with {@code O_DSYNC}
 * ({@code "rwd"}): every write H2 makes returns only once its data is on the disk. H2 2.x's MVStore never calls
 * {@code fsync} on commit (only on close), so with {@code WRITE_DELAY=0}, which makes each commit write its chunk
 * before it returns, this is what makes a commit the API confirmed survive a power failure or a kernel crash, not
 * only a killed process.
 */
public final class SyncedFilePath extends FilePathWrapper {

    /** The URL prefix of this file system, in front of the {@code file:} path. */
    static final String SCHEME = "synced";

    static {
        FilePath.register(new SyncedFilePath());
    }

    /** Public for H2, which creates instances by reflection; use {@link #register()}. */
    public SyncedFilePath() {
        // instances are made by FilePathWrapper.create
    }

    /** Makes the {@code synced:} prefix known to H2 in this JVM; idempotent. */
    static void register() {
        // the static initializer registers once
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return getBase().open("rw".equals(mode) ? "rwd" : mode);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
