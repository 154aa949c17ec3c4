package io.stockline.inventory.availability.domain;

/** How sure an availability answer is, in one word a support tool can show. */
public enum Confidence {
    /** The units are available now. */
    HIGH,
    /**
     * Open purchase orders or transfers cover the quantity, each dated by an expected date or a measured time; or the
     * rest comes with a reorder policy's next order whose lead time is measured.
     */
    MEDIUM,
    /**
     * An estimate: open supply dated by a nominal lead or transit time, a reorder policy with a nominal lead time, or
     * no policy and the quickest supplier's lead time.
     */
    LOW,
    /** Not enough now or on the way, and no supplier sells the item. */
    UNKNOWN
}
