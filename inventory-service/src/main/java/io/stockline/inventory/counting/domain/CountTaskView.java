package io.stockline.inventory.counting.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A count task with everything known about it; the API decides what a caller may see (a counter never sees
 * {@code expected}, {@code firstCount} or {@code onHand}).
 */
public record CountTaskView(String id, String sku, String location, AbcClass abcClass, LocalDate dueOn,
        CountTaskStatus status, OffsetDateTime createdAt, Started started, Count count, Count firstCount,
        Decision decision, long onHand) {

    public record Started(String by, OffsetDateTime at) {
    }

    /**
     * A submitted count: what was counted, and the ledger position it was taken at (the last movement of the SKU
     * at the location, 0 for none; not kept for a first count that asked for a recount) with the on hand the system held there ({@code expected}).
     */
    public record Count(long counted, String by, OffsetDateTime at, Long ledgerPosition, long expected) {

        public long discrepancy() {
            return counted - expected;
        }
    }

    /** An admin's approval (with the correction posted, if any) or rejection. */
    public record Decision(String by, OffsetDateTime at, Long correction, Long movementId, String note) {
    }
}
