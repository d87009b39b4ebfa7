package org.virtguard.exposure.osv;

/** Small OSV records written for these tests, in the shape of the published OSV schema. */
public final class OsvTestRecords {

    private OsvTestRecords() {
    }

    /** A Debian record: {@code pkg} in {@code ecosystem} affected from {@code introduced}, fixed in {@code fixed}. */
    public static String debian(String id, String cve, String ecosystem, String pkg, String introduced, String fixed) {
        return """
                {"schema_version": "1.6.0", "id": "%s", "modified": "2026-12-01T10:00:00Z",
                 "published": "2026-11-01T10:00:00Z", "aliases": ["%s"], "summary": "test record",
                 "affected": [{"package": {"ecosystem": "%s", "name": "%s", "purl": "pkg:deb/debian/%s"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "%s"}%s]}]}]}
                """.formatted(id, cve, ecosystem, pkg, pkg, introduced,
                fixed == null ? "" : ", {\"fixed\": \"" + fixed + "\"}");
    }
}
