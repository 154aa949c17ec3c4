package io.stockline.inventory.repository;

import java.time.OffsetDateTime;

/**
 * A row of a document's receipts ({@code purchase_receipt}, {@code transfer_receipt}: the same columns), written once
 * and never changed; a replay of its idempotency key answers with it.
 */
public class DocumentReceipt {
    /** From the table's identity column, set by {@link DocumentReceiptRepository#persist}. */
    public Long id;
    /** The purchase order's or transfer's number. */
    public String number;
    public String idempotencyKey;
    public String requestHash;
    /** The lines as they arrived (JSON). */
    public String lines;
    public String actor;
    /** Set by the database on insert (DEFAULT now()), never written by the code. */
    public OffsetDateTime receivedAt;
}
