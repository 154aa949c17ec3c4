package io.stockline.inventory.transfers.repository;

import java.time.OffsetDateTime;

import io.stockline.inventory.transfers.domain.TransferStatus;

/**
 * A row of transfer (from_location, to_location, status as its name, created_by, created_at, shipped_at, closed_at),
 * keyed by its number. Nothing writes it back on its own: a change is stored by {@link TransferRepository#update}.
 */
public class Transfer {
    public String number;
    /** Column from_location. */
    public String from;
    /** Column to_location. */
    public String to;
    public TransferStatus status;
    public String createdBy;
    /** Set by the database (DEFAULT now()) when the row is inserted, never written by the code. */
    public OffsetDateTime createdAt;
    public OffsetDateTime shippedAt;
    public OffsetDateTime closedAt;
}
