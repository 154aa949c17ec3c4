package io.stockline.inventory.purchasing.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;

/**
 * A row of {@code purchase_order}. Plain data: {@link PurchaseOrderRepository} reads and writes it, and a change to
 * a field is stored only by {@link PurchaseOrderRepository#update}.
 */
public class PurchaseOrder {
    public String number;
    public String supplier;
    public String location;
    public PurchaseOrderStatus status;
    public String currency;
    public LocalDate expectedOn;
    public String createdBy;
    /** Set by the database on insert (DEFAULT now()), never written by the code. */
    public OffsetDateTime createdAt;
    public OffsetDateTime sentAt;
    public OffsetDateTime closedAt;
}
