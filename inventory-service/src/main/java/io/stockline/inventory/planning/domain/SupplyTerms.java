package io.stockline.inventory.planning.domain;

import java.math.BigDecimal;

/**
 * What buying one SKU from its supplier takes: the lead time in days (mean and spread, measured over receipts or the
 * supplier's nominal figure with no spread), the order minimum and multiple, and the unit cost (null when unknown).
 */
public record SupplyTerms(double leadTimeMeanDays, double leadTimeStdDevDays, long minimumQuantity, long multiple,
        BigDecimal unitCost) {
}
