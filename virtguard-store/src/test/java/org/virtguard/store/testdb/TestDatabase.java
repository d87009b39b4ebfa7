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
    private final List<TestDatabase> others = new ArrayList<>();

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

    /** Another empty database of the same kind (a restore target), dropped with this one. */
    public TestDatabase another() {
        try {
            TestDatabase other = create();
            others.add(other);
            return other;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create another " + name() + " database", e);
        }
    }

    /** A new empty database of the same kind. */
    protected abstract TestDatabase create() throws IOException, SQLException;

    /** Drops what the test created. */
    protected abstract void drop() throws IOException, SQLException;

    @Override
    public final void close() throws IOException, SQLException {
        for (Store store : opened) {
            store.close();
        }
        for (TestDatabase other : others) {
            other.close();
        }
        drop();
    }

    @Override
    public String toString() {
        return name();
    }
}
