package org.virtguard.exposure;

import java.time.Clock;
import java.util.Optional;

import org.virtguard.exposure.osv.OsvIndex;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Host;

/**
 * Decides the per-CVE findings of distribution-packaged QEMU and libvirt from the loaded OSV data (the same data
 * {@link DistributionCheck} reads): a package version that carries a backported fix is PASS, one below the fixed
 * version is FAIL; anything the distribution data cannot decide stays undecided, so the finding stays NOT_COLLECTED.
 */
public final class OsvDistributionFixes implements DistributionFixes {

    private final DistributionCheck check;

    public OsvDistributionFixes(VulnerabilityData data, Clock clock) {
        this.check = new DistributionCheck(data, clock);
    }

    @Override
    public Optional<Decision> decide(Host host, String product, String cveId) {
        if (!product.equals("qemu") && !product.equals("libvirt")) {
            return Optional.empty();
        }
        return check.decide(host, product, cveId).flatMap(v -> decision(v, product));
    }

    private static Optional<Decision> decision(OsvIndex.Verdict v, String product) {
        String source = v.record().id() + " (" + v.ecosystem() + ")";
        return switch (v.decision()) {
            case FIXED, NOT_AFFECTED -> Optional.of(new Decision(CheckStatus.PASS,
                    "the distribution's " + product + " package carries the fix (" + source + ")", source));
            case AFFECTED -> Optional.of(new Decision(CheckStatus.FAIL, "the distribution's " + product
                    + " package is below the fixed version" + (v.fixed() == null ? "" : " " + v.fixed())
                    + " (" + source + ")", source));
            case UNDECIDED -> Optional.empty();
        };
    }
}
