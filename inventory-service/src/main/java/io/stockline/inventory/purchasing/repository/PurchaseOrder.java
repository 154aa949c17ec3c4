package io.stockline.inventory.purchasing.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;

@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {
    @Id
    public String number;
    public String supplier;
    public String location;
    @Enumerated(EnumType.STRING)
    public PurchaseOrderStatus status;
    public String currency;
    @Column(name = "expected_on")
    public LocalDate expectedOn;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
}
