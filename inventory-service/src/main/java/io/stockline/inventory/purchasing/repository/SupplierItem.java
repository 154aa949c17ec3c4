package io.stockline.inventory.purchasing.repository;

import java.math.BigDecimal;

/**
 * A row of {@code supplier_item}: what a supplier sells us of one SKU. Plain data: a change to a field is stored only
 * by {@link SupplierItemRepository#put}.
 */
public class SupplierItem {
    /** From the table's identity column, set by {@link SupplierItemRepository#put}. */
    public Long id;
    public String supplier;
    public String sku;
    public String supplierSku;
    public BigDecimal unitCost;
    public long packSize = 1;
}
