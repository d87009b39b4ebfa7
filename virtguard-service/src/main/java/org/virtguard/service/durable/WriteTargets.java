package org.virtguard.service.durable;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.virtguard.model.InventoryChange;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.alerts.AlertRepository;
import org.virtguard.store.flows.FlowEdgeRepository;

/**
 * Where pending writes go, and who hears about the inventory changes they log.
 *
 * @param inventory        live VM updates and stale marks
 * @param alerts           alerts, or {@code null} when this instance takes none
 * @param flows            flow edges, or {@code null} when this instance takes none
 * @param inventoryChanges receives the changes each applied VM update logged
 * @param ping             whether the store answers now (used while idle during an outage); never throws
 * @param alertWritten     told after each alert is written (to deliver it without waiting for a poll)
 */
record WriteTargets(InventoryRepository inventory, AlertRepository alerts, FlowEdgeRepository flows,
                    Consumer<List<InventoryChange>> inventoryChanges, BooleanSupplier ping, Runnable alertWritten) {

    WriteTargets(InventoryRepository inventory, AlertRepository alerts, FlowEdgeRepository flows,
                 Consumer<List<InventoryChange>> inventoryChanges, BooleanSupplier ping) {
        this(inventory, alerts, flows, inventoryChanges, ping, () -> { });
    }
}
