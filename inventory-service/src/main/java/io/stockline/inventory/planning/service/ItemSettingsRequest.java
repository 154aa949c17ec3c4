package io.stockline.inventory.planning.service;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

/**
 * PUT /api/v1/planning/items/{sku}: the service level that overrides the SKU's ABC class's, and the supplier to buy
 * it from; a field left out (null) gives it back to the default.
 */
public record ItemSettingsRequest(
        @DecimalMin("0.5") @DecimalMax("0.9999") Double serviceLevel,
        @Size(max = 64) String supplier) {
}
