package org.virtguard.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;


/** Groups NOT_COLLECTED findings by what is missing and why ({@link NotCollectedGroup}). */
public final class NotCollectedGroups {

    /** At most this many findings are read to group; more are rare and their groups already show. */
    public static final int MAX_FINDINGS = 20_000;

    private NotCollectedGroups() {
    }

    /** The groups of the NOT_COLLECTED findings among {@code findings}, most resources first, at most {@code limit}. */
    public static List<NotCollectedGroup> of(List<Finding> findings, int limit) {
        record Key(String missing, String collect) {
        }
        final class Acc {
            final Map<ObjectType, Set<String>> resources = new EnumMap<>(ObjectType.class);
            final Set<String> checks = new TreeSet<>();
            long findings;
        }
        Map<Key, Acc> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.status() != CheckStatus.NOT_COLLECTED) {
                continue;
            }
            String missing = f.evidence().get("missing");
            String collect = f.evidence().get("collect");
            Key key = missing != null && collect != null && !InternalText.contains(missing + " " + collect)
                    ? new Key(missing, collect)
                    : new Key(f.title(), f.message() == null || InternalText.contains(f.message())
                            ? "a value this check reads was not collected; the next evaluation says which and how to "
                                    + "collect it"
                            : f.message());
            Acc acc = groups.computeIfAbsent(key, k -> new Acc());
            acc.resources.computeIfAbsent(f.resource().type(), t -> new HashSet<>()).add(f.resource().id());
            acc.checks.add(f.checkId());
            acc.findings++;
        }
        List<NotCollectedGroup> out = new ArrayList<>();
        groups.forEach((k, acc) -> {
            Map<ObjectType, Long> counts = new EnumMap<>(ObjectType.class);
            acc.resources.forEach((t, ids) -> counts.put(t, (long) ids.size()));
            out.add(new NotCollectedGroup(k.missing(), k.collect(), counts, acc.findings, List.copyOf(acc.checks)));
        });
        out.sort(Comparator.comparingLong(NotCollectedGroup::resourceCount).reversed()
                .thenComparing(NotCollectedGroup::missing));
        return out.size() > limit ? List.copyOf(out.subList(0, Math.max(0, limit))) : out;
    }
}
