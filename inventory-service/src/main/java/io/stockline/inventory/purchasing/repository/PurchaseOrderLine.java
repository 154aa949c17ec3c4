package io.stockline.inventory.purchasing.repository;

import java.math.BigDecimal;

/**
 * A row of {@code purchase_order_line}. Plain data: a change to a field is stored only by
 * {@link PurchaseOrderRepository#updateLine}.
 */
public class PurchaseOrderLine {
    /** From the table's identity column, set by {@link PurchaseOrderRepository#persistLine}. */
    public Long id;
    public String number;
    public int line;
    public String sku;
    public long quantity;
    public BigDecimal unitCost;
    /** Units arrived so far, damaged ones included. */
    public long received;
    public long damaged;

    /** Units still expected: never below zero, even after an allowed over-receipt. */
    public long outstanding() {
        return Math.max(0, quantity - received);
    }
}
