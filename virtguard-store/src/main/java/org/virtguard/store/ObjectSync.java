package org.virtguard.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.virtguard.model.ChangeType;
import org.virtguard.store.Plan.Action;
import org.virtguard.store.Plan.Step;

/**
 * Applies the incoming objects of one simple kind (host, network, site, cluster, filter): writes what is
 * new, changed or gone and logs {@code CREATED}, {@code SETTING_CHANGED} and {@code REMOVED}.
 */
final class ObjectSync<T> {

    private final ObjectRows<T> rows;
    private final ChangeLog log;

    ObjectSync(ObjectRows<T> rows, ChangeLog log) {
        this.rows = rows;
        this.log = log;
    }

    Counts apply(List<Incoming<T>> incoming, Collection<String> removalScope) {
        Plan<T> plan = Plan.of(rows, incoming, removalScope);
        ObjectTable<T> table = rows.table();
        Map<String, String> oldDocs = rows.docs(plan.contentChangedIds());

        rows.insert(plan.incoming(Action.INSERT), log.at());
        rows.update(plan.rewrites(), log.at());
        rows.markRemoved(plan.removed().stream().map(PriorRow::id).toList(), log.at());

        for (Step<T> step : plan.steps()) {
            Incoming<T> object = step.incoming();
            switch (step.action()) {
                case INSERT, REVIVE -> log.add(object.sourceId(), table.type(), object.id(), object.name(),
                        ChangeType.CREATED);
                case UPDATE -> {
                    if (step.contentChanged()) {
                        logSettingChanges(object, oldDocs.get(object.id()));
                    }
                }
                case UNCHANGED -> { }
            }
        }
        for (PriorRow gone : plan.removed()) {
            log.add(gone.sourceId(), table.type(), gone.id(), gone.name(), ChangeType.REMOVED);
        }
        return Counts.of(plan);
    }

    private void logSettingChanges(Incoming<T> object, String oldDoc) {
        ObjectTable<T> table = rows.table();
        JsonNode before = InventoryJson.tree(InventoryJson.read(oldDoc, table.recordType()));
        JsonNode after = InventoryJson.tree(object.record());
        for (JsonDiff.FieldChange change : JsonDiff.diff(before, after, table.ignoredFields(), table.keyedFields())) {
            log.add(object.sourceId(), table.type(), object.id(), object.name(), ChangeType.SETTING_CHANGED,
                    change.path(), change.oldValue(), change.newValue());
        }
    }
}
