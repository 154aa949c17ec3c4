package io.stockline.inventory.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.domain.MovementType;

/**
 * POST /api/v1/movements. {@code quantity} is the units moved; for COUNT_CORRECTION the number counted,
 * for ADJUSTMENT a signed change. Transfers go from {@code location} to {@code toLocation}.
 */
public record MovementRequest(
        @NotNull MovementType type,
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String location,
        @NotNull @Min(-MAX_QUANTITY) @Max(MAX_QUANTITY) Long quantity,
        @Size(max = 64) String toLocation,
        @Size(max = 500) String reason,
        @Size(max = 200) String reference) {

    /** More units than any one movement could hold; it keeps every balance far from overflowing. */
    public static final long MAX_QUANTITY = 1_000_000_000L;
}
