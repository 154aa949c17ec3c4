package io.stockline.inventory.domain;

/**
 * Why an ADJUSTMENT or COUNT_CORRECTION rewrote what the ledger says is there. A fixed list, so reports can group
 * shrinkage by cause (the reasons Shopify, Odoo and Linnworks offer sellers); the free {@code reason} note says
 * the rest, and OTHER must say it.
 */
public enum AdjustmentReason {
    /** A stock count found a different number than the ledger held. */
    COUNT_ERROR,
    /** Units turned up that the ledger did not know of. */
    FOUND,
    /** Stolen. */
    THEFT,
    /** Lost in the building: not found where the ledger says they are. */
    LOST,
    /** Broken or spoiled beyond sale, and thrown away (DAMAGE keeps damaged units on hand instead). */
    DAMAGED,
    /** Past their expiry date and disposed of. */
    EXPIRED,
    /** A delivery was booked in with the wrong quantity or SKU. */
    RECEIVING_ERROR,
    /** A wrong number was typed in earlier. */
    DATA_ENTRY_ERROR,
    /** Given away as a sample, promotion or donation. */
    SAMPLE_OR_PROMOTION,
    /** Taken for the business's own use. */
    INTERNAL_USE,
    /** Set from an imported spreadsheet (opening stock or counts). */
    IMPORT,
    /** None of these: the note says why. */
    OTHER;

    /** OTHER says nothing by itself, so it needs a note. */
    public boolean needsNote() {
        return this == OTHER;
    }
}
