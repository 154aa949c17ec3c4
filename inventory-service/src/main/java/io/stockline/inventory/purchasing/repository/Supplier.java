package io.stockline.inventory.purchasing.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "supplier")
public class Supplier {
    @Id
    public String code;
    public String name;
    public String contact;
    public String currency;
    @Column(name = "lead_time_days")
    public int leadTimeDays;
    @Column(name = "minimum_order_quantity")
    public long minimumOrderQuantity = 1;
    @Column(name = "order_multiple")
    public long orderMultiple = 1;
    @Column(name = "allow_over_receipt")
    public boolean allowOverReceipt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
