package org.virtguard.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A configured inventory source: where to read and how. Never holds secrets; those come through
 * {@link Credentials}.
 *
 * @param id      stable source id, used to scope what the source owns in the store
 * @param uri     the source's address: {@code qemu+ssh://kvm01/system}, {@code test:///abs/path.xml},
 *                {@code libvirt-dir:///abs/dir}, {@code vsphere://user@vc01}
 * @param options connector-specific options (e.g. {@code site}, {@code cluster}, {@code ca-file})
 */
public record SourceSpec(String id, String uri, Map<String, String> options) {
    public SourceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        if (id.isBlank()) {
            throw new IllegalArgumentException("source id must not be blank");
        }
        options = Map.copyOf(options == null ? Map.of() : options);
    }

    public static SourceSpec of(String uri) {
        return new SourceSpec(defaultIdFor(uri), uri, Map.of());
    }

    public String option(String key) {
        return options.get(key);
    }

    /** A source id derived from a URI, with any user-info removed. */
    public static String defaultIdFor(String uri) {
        return uri.replaceFirst("//[^/@]*@", "//");
    }
}
