package org.virtguard.connector.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build tables in the virten.net layout written by the tests, for builds after the fixes of the CVEs that the
 * corpus tables (which stop in 2020) do not list: ESXi 6.5 build 17477841 (bulletin ESXi650-202102101-SG, 2021-02-23)
 * and vCenter Server 6.5 Update 3p build 17994927 (2021-05-25), as VMware's release notes name them.
 */
public final class NewerBuildTables {

    private NewerBuildTables() {
    }

    /** Writes {@code esxi-newer.json} and {@code vcenter-newer.json} into {@code dir} and returns them. */
    public static List<Path> write(Path dir) throws IOException {
        Path esxi = dir.resolve("esxi-newer.json");
        Files.writeString(esxi, """
                {"timestamp": 1614038400, "data": {"esxiReleases": [
                  {"build": "17477841", "minorRelease": "6.5", "updateRelease": "ESXi 6.5 U3",
                   "releaseLevel": "VMware ESXi 6.5.0 Update 3", "friendlyName": "ESXi 6.5 February 2021 Security Patch",
                   "patchRelease": "ESXi650-202102101-SG", "releaseDate": "2021-02-23"}]}}
                """);
        Path vcenter = dir.resolve("vcenter-newer.json");
        Files.writeString(vcenter, """
                {"timestamp": 1621900800, "data": {"vcenterReleases": [
                  {"build": "17994927", "fullName": "vCenter Server Appliance 6.5 Update 3p", "releaseDate": "2021-05-25",
                   "osType": "linux"}]}}
                """);
        return List.of(esxi, vcenter);
    }
}
