package org.virtguard.store;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** Reads power-off periods from the change log. */
final class PowerHistory {

    private PowerHistory() {
    }

    static Optional<PowerOffRecord> lastPowerOff(Handle h, String vmId, long beforeChangeId) {
        Optional<PowerOffRecord> transition = h.createQuery("""
                        SELECT changed_at FROM inv_change
                        WHERE object_id = :vm AND change_type = 'POWER_STATE_CHANGED' AND new_value = 'OFF'
                          AND id < :before
                        ORDER BY id DESC LIMIT 1""")
                .bind("vm", vmId).bind("before", beforeChangeId)
                .map((rs, ctx) -> new PowerOffRecord(Sql.instant(rs, 1), false))
                .findOne();
        if (transition.isPresent()) {
            return transition;
        }
        boolean changedBefore = h.createQuery("""
                        SELECT COUNT(*) FROM inv_change
                        WHERE object_id = :vm AND change_type = 'POWER_STATE_CHANGED' AND id < :before""")
                .bind("vm", vmId).bind("before", beforeChangeId).mapTo(Long.class).one() > 0;
        if (changedBefore) {
            return Optional.empty();
        }
        return h.createQuery("SELECT first_seen FROM inv_vm WHERE id = :vm")
                .bind("vm", vmId)
                .map((rs, ctx) -> new PowerOffRecord(Sql.instant(rs, 1), true))
                .findOne();
    }
}
