package org.virtguard.exposure;

import java.util.Optional;

import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;

/** Reads which release of a product a host runs, from the conventions in docs/model-conventions.md. */
final class HostSoftware {

    /**
     * A product release on a host.
     *
     * @param version the version, {@code null} when not collected
     * @param build   the build number, {@code null} when the product has none or it was not collected
     */
    record Release(String product, String version, Long build) {
    }

    private HostSoftware() {
    }

    /** The host's release of {@code product}, or empty when the host does not run that product at all. */
    static Optional<Release> of(Host host, String product) {
        return switch (product) {
            case "esxi" -> host.hypervisor() == HypervisorKind.ESXI
                    ? Optional.of(new Release(product, first(host.componentVersions().get("esxi"), host.productVersion()),
                            number(first(host.componentVersions().get("esxi.build"), host.productBuild()))))
                    : Optional.empty();
            case "vcenter" -> host.componentVersions().containsKey("vcenter")
                    ? Optional.of(new Release(product, host.componentVersions().get("vcenter"),
                            number(host.componentVersions().get("vcenter.build"))))
                    : Optional.empty();
            case "qemu" -> host.hypervisor() == HypervisorKind.QEMU || host.hypervisor() == HypervisorKind.KVM
                    ? Optional.of(new Release(product, host.componentVersions().get("qemu"), null))
                    : Optional.empty();
            case "libvirt" -> host.componentVersions().containsKey("libvirt")
                    ? Optional.of(new Release(product, host.componentVersions().get("libvirt"), null))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static Long number(String text) {
        if (text == null || !text.trim().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(text.trim());
    }
}
