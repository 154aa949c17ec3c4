package io.stockline.inventory.purchasing.repository;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "purchase_order_line")
public class PurchaseOrderLine {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String number;
    public int line;
    public String sku;
    public long quantity;
    @Column(name = "unit_cost")
    public BigDecimal unitCost;
    /** Units arrived so far, damaged ones included. */
    public long received;
    public long damaged;

    /** Units still expected: never below zero, even after an allowed over-receipt. */
    public long outstanding() {
        return Math.max(0, quantity - received);
    }
}
