package org.virtguard.exposure.data;

import java.util.List;
import java.util.Map;

import org.virtguard.exposure.support.ProductLifecycle;
import org.virtguard.exposure.support.SupportRelease;

/** An operator's lifecycle overrides ({@code *lifecycle*.yaml}, the format of the bundled product-lifecycle.yaml). */
public final class LifecycleDataKind implements DataKind {

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public boolean detects(DataFile file, byte[] head) {
        String n = file.plainName();
        return n.contains("lifecycle") && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    @Override
    public ParsedDataSet parse(DataFile file) {
        byte[] yaml = file.readAll(1024 * 1024);
        List<SupportRelease> releases = ProductLifecycle.read(yaml, file.name());
        return new ParsedDataSet(name(), "lifecycle", null, releases.size(), Map.of(), yaml, releases);
    }
}
