package org.virtguard.exposure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.virtguard.exposure.nvd.PlatformCpe;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;

/**
 * The one table of which NVD products (CPE vendor:product) a host's hypervisor software is: add a row to match
 * another product. Each row says where the version comes from, the words NVD descriptions use for it (to find
 * CVEs NVD has not analysed yet), and whether distributions package it (then only distribution data can tell a
 * backported fix from an affected upstream version).
 */
final class ProductCpeTable {

    /**
     * One product row.
     *
     * @param product               VirtGuard's name ({@code esxi}, {@code qemu} …)
     * @param part                  CPE part
     * @param vendor                CPE vendor
     * @param cpeProducts           CPE products; {@code *} for every product of the vendor
     * @param keyword               how descriptions name it
     * @param distributionPackaged  whether Linux distributions ship it with backported fixes
     * @param vmware                whether update levels are decided by the VMware build tables
     */
    record Row(String product, String part, String vendor, List<String> cpeProducts, String keyword,
               boolean distributionPackaged, boolean vmware) {
    }

    /** A product a host runs, with the CPEs that name it. */
    record Running(Row row, String version, Long build, List<PlatformCpe> cpes) {
    }

    static final List<Row> ROWS = List.of(
            new Row("esxi", "o", "vmware", List.of("esxi"), "ESXi", false, true),
            new Row("vcenter", "a", "vmware", List.of("vcenter_server"), "vCenter Server", false, true),
            new Row("qemu", "a", "qemu", List.of("qemu"), "QEMU", true, false),
            new Row("libvirt", "a", "redhat", List.of("libvirt"), "libvirt", true, false),
            new Row("xen", "o", "xen", List.of("xen"), "Xen", true, false),
            new Row("proxmox", "a", "proxmox", List.of("*"), "Proxmox", false, false),
            new Row("hyperv", "o", "microsoft", List.of("windows_server"), "Hyper-V", false, false));

    private ProductCpeTable() {
    }

    /** What the host runs, per row; a product whose version is unknown has {@code version == null}. */
    static List<Running> running(Host host) {
        List<Running> out = new ArrayList<>();
        Map<String, String> v = host.componentVersions();
        for (Row row : ROWS) {
            String version;
            Long build = null;
            switch (row.product()) {
                case "esxi", "vcenter", "qemu", "libvirt" -> {
                    var release = HostSoftware.of(host, row.product());
                    if (release.isEmpty()) {
                        continue;
                    }
                    version = release.get().version();
                    build = release.get().build();
                }
                case "xen" -> {
                    if (host.hypervisor() != HypervisorKind.XEN) {
                        continue;
                    }
                    version = first(v.get("xen"), host.productVersion());
                }
                case "proxmox" -> {
                    if (!v.containsKey("proxmox") && !v.containsKey("pve")) {
                        continue;
                    }
                    version = first(v.get("proxmox"), v.get("pve"));
                }
                case "hyperv" -> {
                    if (host.hypervisor() != HypervisorKind.HYPERV) {
                        continue;
                    }
                    version = first(v.get("windows"), host.productVersion());
                }
                default -> throw new IllegalStateException(row.product());
            }
            out.add(new Running(row, version, build, cpes(row, version)));
        }
        return out;
    }

    private static List<PlatformCpe> cpes(Row row, String version) {
        List<PlatformCpe> cpes = new ArrayList<>();
        if (row.product().equals("hyperv")) {
            String edition = windowsServerProduct(version);
            if (edition != null) {
                cpes.add(new PlatformCpe(row.part(), row.vendor(), edition, version, false, true));
            }
            return cpes;
        }
        for (String product : row.cpeProducts()) {
            cpes.add(new PlatformCpe(row.part(), row.vendor(), product, version, row.vmware(), false));
        }
        if (row.product().equals("libvirt")) {
            cpes.add(new PlatformCpe("a", "libvirt", "libvirt", version, false, false));
        }
        return cpes;
    }

    /** NVD names Windows Server releases as separate products: {@code windows_server_2019} for 10.0.17763. */
    static String windowsServerProduct(String version) {
        if (version == null) {
            return null;
        }
        if (version.startsWith("10.0.14393")) {
            return "windows_server_2016";
        }
        if (version.startsWith("10.0.17763")) {
            return "windows_server_2019";
        }
        if (version.startsWith("10.0.20348")) {
            return "windows_server_2022";
        }
        if (version.startsWith("10.0.26100")) {
            return "windows_server_2025";
        }
        if (version.startsWith("6.2") || version.startsWith("6.3")) {
            return "windows_server_2012";
        }
        return null;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
