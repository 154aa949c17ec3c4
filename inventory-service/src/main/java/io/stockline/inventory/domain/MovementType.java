package io.stockline.inventory.domain;

/**
 * Every way stock changes, with the change one unit makes to each state. A movement of quantity q
 * changes the balance by q times its unit delta; the ledger stores that change, so the balance is
 * always the sum of the ledger.
 */
public enum MovementType {
    /** Goods arrive from a supplier. */
    RECEIPT(new StockState(1, 1, 0, 0, 0, 0, 0, 0, 0), true),
    /** Sold and shipped without a reservation (a till sale, say). */
    SALE(new StockState(-1, -1, 0, 0, 0, 0, 0, 0, 0), true),
    /** A customer return waits in quality control until inspected. */
    RETURN(new StockState(1, 0, 0, 0, 0, 1, 0, 0, 0), true),
    /** Inspected and good: quality control back to available. */
    RESTOCK(new StockState(0, 1, 0, 0, 0, -1, 0, 0, 0), true),
    /** Found damaged: still on hand, no longer sellable. */
    DAMAGE(new StockState(0, -1, 0, 0, 1, 0, 0, 0, 0), true),
    /** Gone: theft, shrinkage, written off. */
    LOSS(new StockState(-1, -1, 0, 0, 0, 0, 0, 0, 0), true),
    /** Held for an order. */
    RESERVE(new StockState(0, -1, 1, 0, 0, 0, 0, 0, 0), false),
    /** An order's hold given back. */
    RELEASE(new StockState(0, 1, -1, 0, 0, 0, 0, 0, 0), false),
    /** An order's held units shipped. */
    COMMIT(new StockState(-1, 0, -1, 0, 0, 0, 0, 0, 0), false);

    private final StockState unitDelta;
    private final boolean postedByHand;

    MovementType(StockState unitDelta, boolean postedByHand) {
        this.unitDelta = unitDelta;
        this.postedByHand = postedByHand;
    }

    public StockState delta(long quantity) {
        return unitDelta.times(quantity);
    }

    /** Whether POST /api/v1/movements takes it; reservation types only come through the reservation API. */
    public boolean postedByHand() {
        return postedByHand;
    }
}
