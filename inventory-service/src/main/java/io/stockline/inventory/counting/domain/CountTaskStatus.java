package io.stockline.inventory.counting.domain;

/**
 * Where a count task stands. OPEN (proposed) -> IN_PROGRESS (a counter started it) -> AWAITING_APPROVAL (counted
 * within tolerance, or recounted) or RECOUNT_REQUESTED (the first count was too far off: count again) -> APPROVED
 * (the correction is posted) or REJECTED (stock untouched).
 */
public enum CountTaskStatus {
    OPEN, IN_PROGRESS, RECOUNT_REQUESTED, AWAITING_APPROVAL, APPROVED, REJECTED;

    /** A counter may start (or take over) a task that is open, waits for a recount, or is being counted. */
    public boolean canStart() {
        return this == OPEN || this == RECOUNT_REQUESTED || this == IN_PROGRESS;
    }

    public boolean canSubmit() {
        return this == IN_PROGRESS;
    }

    public boolean canApprove() {
        return this == AWAITING_APPROVAL;
    }

    public boolean canReject() {
        return this == AWAITING_APPROVAL || this == RECOUNT_REQUESTED;
    }

    /** Finished tasks no longer block a new one for the same SKU and location. */
    public boolean finished() {
        return this == APPROVED || this == REJECTED;
    }
}
