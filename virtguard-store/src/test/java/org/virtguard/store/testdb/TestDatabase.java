package org.virtguard.store.testdb;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/** One empty database for one test; everything opened through it is closed and dropped after the test. */
public abstract class TestDatabase implements AutoCloseable {

    private final List<Store> opened = new ArrayList<>();

    /** H2 or PostgreSQL. */
    public abstract String name();

    /** How to reach this test's database. */
    public abstract StoreConfig config();

    /** Whether this is the PostgreSQL variant. */
    public boolean isPostgres() {
        return config().isPostgres();
    }

    /** Opens (and migrates) the store; it is closed after the test. */
    public Store open() {
        Store store = Store.open(config());
        opened.add(store);
        return store;
    }

    /** Drops what the test created. */
    protected abstract void drop() throws IOException, SQLException;

    @Override
    public final void close() throws IOException, SQLException {
        for (Store store : opened) {
            store.close();
        }
        drop();
    }

    @Override
    public String toString() {
        return name();
    }
}
