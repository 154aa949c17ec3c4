package io.stockline.inventory.planning.domain;

import java.time.OffsetDateTime;

/**
 * A computed policy as stored for one SKU at one location: the policy, what it was computed from (service level and
 * the ABC class it came from, supplier and lead time, and a summary of the history) and when.
 */
public record StoredPolicy(String sku, String location, String supplier, PlanningPolicy policy, double serviceLevel,
        String abcClass, double leadTimeDays, double leadTimeStdDevDays, boolean leadTimeMeasured, History history,
        OffsetDateTime computedAt) {

    /** The history the forecast read: its days, the demand, and what was kept apart from the baseline. */
    public record History(int days, long demandUnits, int stockoutDays, int promotionDays, long promotionUnits,
            long returnedUnits, long transferredUnits) {
    }
}
