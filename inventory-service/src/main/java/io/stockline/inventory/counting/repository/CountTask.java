package io.stockline.inventory.counting.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.CountTaskStatus;

/** A row of count_task; the service changes it under a row lock, the API never sees it. */
@Entity
@Table(name = "count_task")
public class CountTask {
    @Id
    public String id;
    public String sku;
    public String location;
    @Enumerated(EnumType.STRING)
    @Column(name = "abc_class")
    public AbcClass abcClass;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Enumerated(EnumType.STRING)
    public CountTaskStatus status;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    public Long counted;
    @Column(name = "counted_by")
    public String countedBy;
    @Column(name = "counted_at")
    public OffsetDateTime countedAt;
    @Column(name = "ledger_position")
    public Long ledgerPosition;
    public Long expected;
    @Column(name = "first_counted")
    public Long firstCounted;
    @Column(name = "first_expected")
    public Long firstExpected;
    @Column(name = "first_counted_by")
    public String firstCountedBy;
    @Column(name = "first_counted_at")
    public OffsetDateTime firstCountedAt;
    @Column(name = "unit_cost")
    public BigDecimal unitCost;
    public Long correction;
    @Column(name = "correction_movement_id")
    public Long correctionMovementId;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
    public String note;
}
