package org.virtguard.exposure.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry of data kinds {@code virtguard exposure update} recognises, in detection order (the first kind that
 * detects a file reads it). Another reader plugs in with {@link #with(DataKind)}, replacing the kind of the same name.
 */
public final class DataKinds {

    private final List<DataKind> kinds;

    private DataKinds(List<DataKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** Lifecycle overrides, KEV, EPSS, build tables, NVD, OSV. */
    public static DataKinds standard() {
        return new DataKinds(List.of(new LifecycleDataKind(), new KevDataKind(), new EpssDataKind(),
                new BuildTableDataKind(), new NvdDataKind(), new OsvDataKind()));
    }

    /** These kinds with {@code kind} in place of the one of the same name (or added last). */
    public DataKinds with(DataKind kind) {
        List<DataKind> next = new ArrayList<>(kinds);
        int at = -1;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).name().equals(kind.name())) {
                at = i;
            }
        }
        if (at >= 0) {
            next.set(at, kind);
        } else {
            next.add(kind);
        }
        return new DataKinds(next);
    }

    public List<DataKind> kinds() {
        return kinds;
    }

    /** The kind named {@code name}. */
    public Optional<DataKind> named(String name) {
        return kinds.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The first kind that recognises {@code file}. */
    public Optional<DataKind> detect(DataFile file) {
        byte[] head = file.head(4096);
        return kinds.stream().filter(k -> k.detects(file, head)).findFirst();
    }
}
