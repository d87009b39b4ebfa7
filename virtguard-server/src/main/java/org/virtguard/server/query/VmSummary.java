package org.virtguard.server.query;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One line of the VM list.
 *
 * @param id          VM id
 * @param name        VM name
 * @param hostId      host id
 * @param hostName    host name
 * @param powerState  power state name
 * @param template    whether it is a template
 * @param vcpus       virtual CPUs
 * @param memoryBytes memory
 * @param nicCount    vNICs
 * @param networks    networks its vNICs attach to
 * @param zones       trust zones of its vNICs (empty without a zone policy)
 * @param addresses   MACs and guest IPs
 * @param sourceId    reporting source
 * @param stale       whether the source is stale
 * @param firstSeen   first seen
 * @param lastSeen    last seen
 */
public record VmSummary(String id, String name, String hostId, String hostName, String powerState, boolean template,
                        int vcpus, long memoryBytes, int nicCount, List<String> networks, List<String> zones,
                        List<String> addresses, String sourceId, boolean stale, Instant firstSeen, Instant lastSeen) {

    String searchText() {
        return (name + " " + id + " " + hostName + " " + String.join(" ", networks) + " " + String.join(" ", zones)
                + " " + String.join(" ", addresses)).toLowerCase(Locale.ROOT);
    }
}
