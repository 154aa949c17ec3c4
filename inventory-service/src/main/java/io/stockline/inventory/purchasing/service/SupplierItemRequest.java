package io.stockline.inventory.purchasing.service;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** PUT /api/v1/suppliers/{code}/items/{sku}: the supplier's own SKU, its price and its pack size. */
public record SupplierItemRequest(
        @Size(max = 64) String supplierSku,
        @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal unitCost,
        @Positive @Max(1_000_000L) Long packSize) {
}
