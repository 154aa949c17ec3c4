package io.stockline.inventory.purchasing.domain;

import java.math.BigDecimal;

/** What a supplier sells us of one SKU, with the lead time measured so far (null before the first receipt). */
public record SupplierItemView(String supplier, String sku, String supplierSku, BigDecimal unitCost, long packSize,
        LeadTime leadTime) {
}
