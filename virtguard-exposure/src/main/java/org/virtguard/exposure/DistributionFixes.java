package org.virtguard.exposure;

import java.util.Optional;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Host;

/**
 * Decides CVEs of distribution-packaged software (QEMU, libvirt, Xen) from distribution security data, which
 * knows fixes backported into old version numbers. {@link #NONE} decides nothing: such CVEs then stay
 * NOT_COLLECTED when the upstream version is in NVD's affected range.
 */
@FunctionalInterface
public interface DistributionFixes {

    DistributionFixes NONE = (host, product, cve) -> Optional.empty();

    /**
     * A decision.
     *
     * @param status  PASS (the package carries the fix), FAIL (it does not) or NOT_COLLECTED
     * @param reason  for people, naming the package version and the fixed version
     * @param source  the advisory and file that decided, e.g. {@code DSA-5362-1 (debian-osv.zip, 2026-12-06)}
     */
    record Decision(CheckStatus status, String reason, String source) {
    }

    Optional<Decision> decide(Host host, String product, String cveId);
}
