package io.stockline.inventory.purchasing.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "purchase_receipt")
public class PurchaseReceipt {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String number;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "request_hash")
    public String requestHash;
    /** The lines as they arrived (JSON), each with the unit cost it is valued at. */
    public String lines;
    public String actor;
    @Column(name = "received_at", insertable = false, updatable = false)
    public OffsetDateTime receivedAt;
}
