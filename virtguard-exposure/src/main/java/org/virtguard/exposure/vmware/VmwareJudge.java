package org.virtguard.exposure.vmware;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtguard.exposure.nvd.Cpe;
import org.virtguard.exposure.nvd.CpeMatch;
import org.virtguard.exposure.nvd.CveRecord;

/**
 * Decides whether an ESXi or vCenter build is affected by a CVE whose CPE entries matched its release line. NVD
 * names update levels as CPE update qualifiers ({@code -}, {@code update01}, {@code update3n}, ESXi bulletins
 * such as {@code 650-201912001}) while hosts report a build number: the build tables place the build (release
 * name, update level, bulletin, date). A fix named in the description ("6.5 before ESXi650-202102101-SG")
 * decides first; otherwise the host is placed against the qualifiers NVD lists. A build no table knows is
 * UNDETERMINED with the remedy, never unaffected.
 */
public final class VmwareJudge {

    private static final Pattern BULLETIN_QUALIFIER = Pattern.compile("^(\\d{2,3})-(\\d{4})(\\d{2})\\d{3,5}$");

    private final BuildTables tables;

    public VmwareJudge(BuildTables tables) {
        this.tables = tables;
    }

    /**
     * Judges one host release.
     *
     * @param product {@code esxi} or {@code vcenter}
     * @param version the running version, e.g. {@code 6.5.0}
     * @param build   the running build, or {@code null} when not collected
     * @param matched the record's vulnerable entries that matched the release line
     */
    public VmwareJudgement judge(String product, String version, Long build, CveRecord record, List<CpeMatch> matched) {
        String line = line(version);
        String label = product.equals("esxi") ? "ESXi" : "vCenter Server";
        String running = label + " " + version + (build == null ? "" : " build " + build);
        Optional<FixedRelease> fix = FixedRelease.extract(record.description()).stream()
                .filter(f -> f.line().equals(line)).filter(f -> product.equals("esxi") || f.bulletin() == null)
                .findFirst();
        if (build == null) {
            return undetermined("the " + label + " build number was not collected", fix, running);
        }
        Optional<VmwareBuild> known = tables.find(product, build);
        if (known.isEmpty()) {
            if (fix.isPresent() && fix.get().build() != null) {
                return byBuild(build, fix.get().build(), fix.get(), running);
            }
            return undetermined("build " + build + " of " + label + " " + version + " is not in the build tables ("
                    + tables.describe(product) + "), so its update level is unknown; supply a newer build table "
                    + "(virten.net " + product + "Releases.json layout or a KB-style build list) that lists it", fix,
                    running);
        }
        VmwareBuild host = known.get();
        running = host.name() + " (build " + build + (host.releaseDate() == null ? "" : ", " + host.releaseDate())
                + ")";
        if (!host.line().equals(line)) {
            return new VmwareJudgement(VmwareJudgement.Status.UNDETERMINED, "the build table " + host.source()
                    + " lists build " + build + " as " + host.line() + ", but the host reports " + version, null,
                    running, "build-table");
        }
        if (fix.isPresent()) {
            return byFix(host, fix.get(), running);
        }
        return byQualifiers(host, matched, running);
    }

    private VmwareJudgement byFix(VmwareBuild host, FixedRelease fix, String running) {
        String source = "the description says \"" + fix.text() + "\"";
        if (fix.build() != null) {
            return byBuild(host.build(), fix.build(), fix, running);
        }
        if (fix.update() != null) {
            boolean affected = host.update().compareTo(fix.update()) < 0;
            return new VmwareJudgement(affected ? VmwareJudgement.Status.AFFECTED : VmwareJudgement.Status.NOT_AFFECTED,
                    source + "; the host runs " + host.line() + " " + host.update(), fix.describe(), running,
                    "description");
        }
        Optional<VmwareBuild> fixed = tables.findBulletin(fix.bulletin());
        if (fixed.isPresent()) {
            boolean affected = host.build() < fixed.get().build();
            return new VmwareJudgement(affected ? VmwareJudgement.Status.AFFECTED : VmwareJudgement.Status.NOT_AFFECTED,
                    source + "; " + fix.bulletin() + " is build " + fixed.get().build() + " (" + fixed.get().source()
                            + ")", fix.describe() + " (build " + fixed.get().build() + ")", running, "description");
        }
        YearMonth month = bulletinMonth(fix.bulletin().substring(fix.bulletin().indexOf('-') + 1));
        if (host.releaseDate() != null && month != null) {
            if (host.releaseDate().isBefore(month.atDay(1))) {
                return new VmwareJudgement(VmwareJudgement.Status.AFFECTED, source + "; the host's release ("
                        + host.releaseDate() + ") predates that bulletin (" + month + ")", fix.describe(), running,
                        "description");
            }
            if (host.releaseDate().isAfter(month.atEndOfMonth())) {
                return new VmwareJudgement(VmwareJudgement.Status.NOT_AFFECTED, source + "; the host's release ("
                        + host.releaseDate() + ") is later than that bulletin (" + month + ")", fix.describe(), running,
                        "description");
            }
        }
        return new VmwareJudgement(VmwareJudgement.Status.UNDETERMINED, source + ", and no build table lists "
                + fix.bulletin() + " to compare build " + host.build() + " with; supply a build table that lists it",
                fix.describe(), running, "description");
    }

    private static VmwareJudgement byBuild(long build, long fixedBuild, FixedRelease fix, String running) {
        boolean affected = build < fixedBuild;
        return new VmwareJudgement(affected ? VmwareJudgement.Status.AFFECTED : VmwareJudgement.Status.NOT_AFFECTED,
                "the description says \"" + fix.text() + "\" (fixed build " + fixedBuild + ")", fix.describe(), running,
                "description");
    }

    private VmwareJudgement byQualifiers(VmwareBuild host, List<CpeMatch> matched, String running) {
        List<String> listed = new ArrayList<>();
        Boolean anyBefore = null;
        boolean anyAfter = false;
        boolean unknown = false;
        String latest = null;
        for (CpeMatch m : matched) {
            String q = Cpe.unescape(m.criteria().update());
            if (q.equals(Cpe.ANY) || m.hasRange()) {
                return new VmwareJudgement(VmwareJudgement.Status.AFFECTED, "NVD lists every update of "
                        + host.line() + " as affected (" + Cpe.unescape(m.criteria().toString()) + ")", null, running,
                        "cpe");
            }
            Optional<Boolean> after = hostAfter(host, q);
            if (isExactly(host, q)) {
                return new VmwareJudgement(VmwareJudgement.Status.AFFECTED, "NVD lists " + host.line() + " " + q
                        + ", the host's level, as affected", null, running, "cpe");
            }
            if (after.isEmpty()) {
                if (recognised(q)) {
                    unknown = true;
                }
                continue;
            }
            listed.add(q);
            if (after.get()) {
                anyAfter = true;
                latest = q;
            } else {
                anyBefore = Boolean.TRUE;
            }
        }
        if (anyAfter && anyBefore != null) {
            return new VmwareJudgement(VmwareJudgement.Status.AFFECTED, "NVD lists earlier and later update levels of "
                    + host.line() + " as affected, so " + host.update() + " lies inside the affected span", null,
                    running, "cpe");
        }
        if (unknown) {
            return new VmwareJudgement(VmwareJudgement.Status.UNDETERMINED, "NVD lists update levels of " + host.line()
                    + " that the build tables cannot place relative to build " + host.build()
                    + "; supply a build table that lists their bulletins", null, running, "cpe");
        }
        if (anyAfter) {
            return new VmwareJudgement(VmwareJudgement.Status.NOT_AFFECTED, "the host is newer than every update level "
                    + "of " + host.line() + " NVD lists as affected (" + listed.size() + " listed, the latest "
                    + latest + ")", "a release after " + host.line() + " " + latest, running, "cpe");
        }
        if (anyBefore != null) {
            return new VmwareJudgement(VmwareJudgement.Status.NOT_AFFECTED, "the host predates every update level of "
                    + host.line() + " NVD lists as affected", null, running, "cpe");
        }
        return new VmwareJudgement(VmwareJudgement.Status.UNDETERMINED, "NVD's entries for " + host.line()
                + " name no update level VirtGuard can read", null, running, "cpe");
    }

    private boolean isExactly(VmwareBuild host, String q) {
        Optional<UpdateLevel> level = UpdateLevel.fromQualifier(q);
        if (level.isPresent()) {
            return level.get().equals(host.update()) && host.bulletin() == null;
        }
        Matcher b = BULLETIN_QUALIFIER.matcher(q);
        return b.matches() && host.bulletin() != null
                && host.bulletin().equalsIgnoreCase("ESXi" + q);
    }

    /** Whether the host is later than qualifier {@code q}; empty when the two cannot be ordered. */
    private Optional<Boolean> hostAfter(VmwareBuild host, String q) {
        Optional<UpdateLevel> level = UpdateLevel.fromQualifier(q);
        if (level.isPresent()) {
            int c = host.update().compareTo(level.get());
            return Optional.of(c > 0 || (c == 0 && host.bulletin() != null));
        }
        Matcher b = BULLETIN_QUALIFIER.matcher(q);
        if (!b.matches()) {
            return Optional.empty();
        }
        Optional<VmwareBuild> listed = tables.findBulletin("ESXi" + q);
        if (listed.isPresent()) {
            return listed.get().build() == host.build() ? Optional.empty() : Optional.of(host.build() > listed.get().build());
        }
        YearMonth month = bulletinMonth(q.substring(q.indexOf('-') + 1));
        LocalDate released = host.releaseDate();
        if (month == null || released == null) {
            return Optional.empty();
        }
        if (released.isAfter(month.atEndOfMonth())) {
            return Optional.of(true);
        }
        if (released.isBefore(month.atDay(1))) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private static boolean recognised(String q) {
        return UpdateLevel.fromQualifier(q).isPresent() || BULLETIN_QUALIFIER.matcher(q).matches();
    }

    private static YearMonth bulletinMonth(String digits) {
        if (digits.length() < 6 || !digits.substring(0, 6).matches("\\d{6}")) {
            return null;
        }
        int year = Integer.parseInt(digits.substring(0, 4));
        int month = Integer.parseInt(digits.substring(4, 6));
        return month >= 1 && month <= 12 && year >= 2000 ? YearMonth.of(year, month) : null;
    }

    private static VmwareJudgement undetermined(String why, Optional<FixedRelease> fix, String running) {
        return new VmwareJudgement(VmwareJudgement.Status.UNDETERMINED, why,
                fix.map(FixedRelease::describe).orElse(null), running, "build-table");
    }

    /** {@code 6.5.0} -> {@code 6.5}. */
    public static String line(String version) {
        String[] p = version.trim().toLowerCase(Locale.ROOT).split("\\.");
        return p.length >= 2 ? p[0] + "." + p[1].replaceAll("\\D.*", "") : version.trim();
    }
}
