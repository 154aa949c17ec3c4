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
    /** Shipped to another location: it leaves on hand here and is in transit until it arrives. */
    TRANSFER_OUT(new StockState(-1, -1, 0, 0, 0, 0, 0, 0, 1), true),
    /**
     * Units shipped from a location arrive at another: no longer in transit at the source (this delta), on
     * hand and available at the destination ({@link #arrival}).
     */
    TRANSFER_IN(new StockState(0, 0, 0, 0, 0, 0, 0, 0, -1), true),
    /** A stock count: the quantity is the number counted, the change is what makes on hand equal it. */
    COUNT_CORRECTION(new StockState(1, 1, 0, 0, 0, 0, 0, 0, 0), true),
    /** A correction by hand, in either direction: the quantity is signed. */
    ADJUSTMENT(new StockState(1, 1, 0, 0, 0, 0, 0, 0, 0), true),
    /** Held for an order. */
    RESERVE(new StockState(0, -1, 1, 0, 0, 0, 0, 0, 0), false),
    /** An order's hold given back. */
    RELEASE(new StockState(0, 1, -1, 0, 0, 0, 0, 0, 0), false),
    /** An order's held units shipped. */
    COMMIT(new StockState(-1, 0, -1, 0, 0, 0, 0, 0, 0), false),
    /** A purchase order sent to its supplier: its units are expected (incoming) at its location. */
    PURCHASE_ORDERED(new StockState(0, 0, 0, 0, 0, 0, 0, 1, 0), false),
    /** A purchase order closed short: what the supplier never delivered is no longer expected. */
    SHORTAGE(new StockState(0, 0, 0, 0, 0, 0, 0, -1, 0), false),
    /** A sent purchase order cancelled before anything arrived: nothing is expected any more. */
    PURCHASE_CANCELLED(new StockState(0, 0, 0, 0, 0, 0, 0, -1, 0), false),
    /**
     * Units written off and gone from on hand: from {@code damaged} (this delta) or from quality control
     * ({@link #writeOff}); never from available, so writing off damaged goods cannot cut sellable stock.
     */
    WRITE_OFF(new StockState(-1, 0, 0, 0, -1, 0, 0, 0, 0), true),
    /** A returned unit inspected and found damaged: quality control to damaged (the inspection endpoint). */
    INSPECTED_DAMAGED(new StockState(0, 0, 0, 0, 1, -1, 0, 0, 0), false),
    /** Held by hand (an admin's manual hold): available to reserved. */
    HOLD(new StockState(0, -1, 0, 1, 0, 0, 0, 0, 0), false),
    /** A manual hold given back: reserved to available. */
    HOLD_RELEASE(new StockState(0, 1, 0, -1, 0, 0, 0, 0, 0), false),
    /**
     * Safety stock set aside (a positive quantity) or given back (negative): available to safety stock. Channels
     * push {@code available}, so they never see it.
     */
    SAFETY_STOCK(new StockState(0, -1, 0, 0, 0, 0, 1, 0, 0), false),
    /** Shipped by a transfer document and never arrived: no longer in transit at the source (closing the transfer). */
    LOST_IN_TRANSIT(new StockState(0, 0, 0, 0, 0, 0, 0, 0, -1), false),
    /**
     * A dropship supplier's availability set (at its SUPPLIER location): on hand and available move together to the
     * number the supplier gave; units requested by open reservations stay in committed. The quantity is that number.
     */
    SUPPLIER_AVAILABILITY(new StockState(1, 1, 0, 0, 0, 0, 0, 0, 0), false),
    /**
     * A lot reached its expiry date: its sellable units leave available for quality control (still on hand, where a
     * write-off or an inspection decides their fate). Posted by the lot-expiry job, never by hand.
     */
    EXPIRY(new StockState(0, -1, 0, 0, 0, 1, 0, 0, 0), false);

    /** What setting a supplier's availability to {@code target} does when {@code available} is shown now. */
    public static StockState supplierAvailability(long target, long available) {
        return SUPPLIER_AVAILABILITY.delta(target - available);
    }

    /** The states a write-off may take units from. */
    public enum WriteOffState {
        DAMAGED, QUALITY_CONTROL
    }

    /** What writing off {@code quantity} units from {@code state} does. */
    public static StockState writeOff(long quantity, WriteOffState state) {
        return switch (state) {
            case DAMAGED -> WRITE_OFF.delta(quantity);
            case QUALITY_CONTROL -> new StockState(-quantity, 0, 0, 0, 0, -quantity, 0, 0, 0);
        };
    }

    private final StockState unitDelta;
    private final boolean postedByHand;

    MovementType(StockState unitDelta, boolean postedByHand) {
        this.unitDelta = unitDelta;
        this.postedByHand = postedByHand;
    }

    public StockState delta(long quantity) {
        return unitDelta.times(quantity);
    }

    /** What a transfer's arrival does at the destination. */
    public static StockState arrival(long quantity) {
        return RECEIPT.delta(quantity);
    }

    /**
     * A purchase order's arrival: on hand and available (or damaged) up by what arrived, incoming down by the
     * part of it that was expected (an allowed over-receipt was never incoming).
     */
    public static StockState purchaseReceipt(long good, long damaged, long expected) {
        return new StockState(good + damaged, good, 0, 0, damaged, 0, 0, -expected, 0);
    }

    /** The change a count makes: on hand (and so available) becomes what was counted. */
    public static StockState countCorrection(long counted, long onHand) {
        return COUNT_CORRECTION.delta(counted - onHand);
    }

    /** Corrections by hand rewrite what the ledger says is there: only admins post them. */
    public boolean correctsByHand() {
        return this == ADJUSTMENT || this == COUNT_CORRECTION;
    }

    /** Whether the movement moves stock between two locations, and so needs a destination. */
    public boolean needsDestination() {
        return this == TRANSFER_OUT || this == TRANSFER_IN;
    }

    /**
     * Why the quantity does not fit this type, or null when it does: a count may be zero, an adjustment
     * may be negative, every other movement moves a positive number of units.
     */
    public String quantityProblem(long quantity) {
        return switch (this) {
            case COUNT_CORRECTION -> quantity < 0 ? "a count cannot be negative" : null;
            case ADJUSTMENT -> quantity == 0 ? "an adjustment must change something" : null;
            default -> quantity <= 0 ? "must be greater than 0" : null;
        };
    }

    /** Whether POST /api/v1/movements takes it; reservation types only come through the reservation API. */
    public boolean postedByHand() {
        return postedByHand;
    }
}
