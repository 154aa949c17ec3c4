package io.stockline.inventory.planning.domain;

import java.util.List;

/**
 * Everything one SKU at one location needs for its policy: the daily demand history (oldest first, one entry per
 * day, no gaps), the supply terms and the service level (0.5 to 0.9999) of its ABC class or of the item.
 */
public record PolicyInput(List<DemandDay> history, SupplyTerms supply, double serviceLevel) {
}
