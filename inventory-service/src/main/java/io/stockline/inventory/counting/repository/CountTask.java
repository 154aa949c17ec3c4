package io.stockline.inventory.counting.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.CountTaskStatus;

/**
 * A row of count_task; the service changes it under a row lock, the API never sees it. Nothing writes it back on its
 * own: a change is stored by {@link CountTaskRepository#update}.
 */
public class CountTask {
    public String id;
    public String sku;
    public String location;
    public AbcClass abcClass;
    public LocalDate dueOn;
    public CountTaskStatus status;
    /** Set by the database (DEFAULT now()) when the row is inserted, never written by the code. */
    public OffsetDateTime createdAt;
    public String startedBy;
    public OffsetDateTime startedAt;
    public Long counted;
    public String countedBy;
    public OffsetDateTime countedAt;
    public Long ledgerPosition;
    public Long expected;
    public Long firstCounted;
    public Long firstExpected;
    public String firstCountedBy;
    public OffsetDateTime firstCountedAt;
    public BigDecimal unitCost;
    public Long correction;
    public Long correctionMovementId;
    public String decidedBy;
    public OffsetDateTime decidedAt;
    public String note;
}
