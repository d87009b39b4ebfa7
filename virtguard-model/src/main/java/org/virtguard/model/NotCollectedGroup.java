package org.virtguard.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;


/**
 * Open NOT_COLLECTED findings that miss the same value for the same reason, e.g. "guest operating system not
 * collected: 6 VMs — install the guest agent or give the domain libosinfo metadata".
 *
 * @param missing     what could not be evaluated (the findings' {@code missing} evidence, else the check's title)
 * @param collect     why and how to collect it (the {@code collect} evidence, else the finding's message)
 * @param resources   how many distinct resources, by kind
 * @param findings    how many findings in all
 * @param checkIds    the checks concerned, sorted
 */
public record NotCollectedGroup(String missing, String collect, Map<ObjectType, Long> resources, long findings,
                                List<String> checkIds) {

    public NotCollectedGroup {
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(collect, "collect");
        resources = Map.copyOf(resources);
        checkIds = List.copyOf(checkIds);
    }

    /** Distinct resources of every kind. */
    public long resourceCount() {
        return resources.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "6 VMs", "2 hosts and 1 VM": the resources in words. */
    public String resourcesText() {
        StringBuilder b = new StringBuilder();
        for (ObjectType type : ObjectType.values()) {
            Long n = resources.get(type);
            if (n == null || n == 0) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(n).append(' ').append(noun(type, n));
        }
        return b.toString();
    }

    private static String noun(ObjectType type, long n) {
        String one = switch (type) {
            case VM -> "VM";
            case NIC -> "vNIC";
            default -> type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
        return n == 1 ? one : one + "s";
    }
}
