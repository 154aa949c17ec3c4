package io.stockline.inventory.transfers.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.stockline.inventory.transfers.domain.TransferStatus;

@Entity
@Table(name = "transfer")
public class Transfer {
    @Id
    public String number;
    @Column(name = "from_location")
    public String from;
    @Column(name = "to_location")
    public String to;
    @Enumerated(EnumType.STRING)
    public TransferStatus status;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "shipped_at")
    public OffsetDateTime shippedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
}
