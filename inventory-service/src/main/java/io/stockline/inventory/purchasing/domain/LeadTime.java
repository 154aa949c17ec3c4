package io.stockline.inventory.purchasing.domain;

/** A supplier's measured lead time for one SKU, in days from sending the order to each receipt. */
public record LeadTime(long receipts, double meanDays, double stdDevDays) {

    /** From the Welford accumulators: the spread is the sample standard deviation (0 for a single receipt). */
    public static LeadTime of(long receipts, double meanDays, double m2) {
        return new LeadTime(receipts, meanDays, receipts > 1 ? Math.sqrt(m2 / (receipts - 1)) : 0);
    }
}
