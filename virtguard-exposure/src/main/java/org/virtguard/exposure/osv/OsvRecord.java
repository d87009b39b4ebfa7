package org.virtguard.exposure.osv;

import java.time.Instant;
import java.util.List;

/**
 * The parts of one OSV record VirtGuard decides with: its id and aliases (CVE ids), when it was last modified,
 * and the packages it affects with their ECOSYSTEM ranges.
 *
 * @param id       e.g. {@code DSA-5504-1}, {@code DEBIAN-CVE-2023-3354}, {@code USN-6567-1}
 * @param modified the record's {@code modified} time
 * @param aliases  other ids, CVE ids among them
 * @param affected the affected packages
 */
public record OsvRecord(String id, Instant modified, List<String> aliases, List<Affected> affected) {

    public OsvRecord {
        aliases = List.copyOf(aliases);
        affected = List.copyOf(affected);
    }

    /** The CVE ids this record is about: its id when it is one, and its aliases and upstream ids that are. */
    public List<String> cves() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), aliases.stream())
                .map(OsvRecord::cveIn).filter(java.util.Objects::nonNull).distinct().toList();
    }

    private static String cveIn(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CVE-\\d{4}-\\d{4,}").matcher(text);
        return m.find() ? m.group() : null;
    }

    /**
     * One affected package.
     *
     * @param ecosystem e.g. {@code Debian:12}, {@code Ubuntu:22.04:LTS}
     * @param name      the (source) package name, e.g. {@code qemu}
     * @param ranges    its ECOSYSTEM ranges; other range types are not kept
     * @param versions  versions listed as affected one by one
     */
    public record Affected(String ecosystem, String name, List<List<Event>> ranges, List<String> versions) {
        public Affected {
            ranges = ranges.stream().map(List::copyOf).toList();
            versions = List.copyOf(versions);
        }
    }

    /** One event of a range: {@code introduced}, {@code fixed}, {@code last_affected} or {@code limit}. */
    public record Event(String type, String version) {
    }
}
