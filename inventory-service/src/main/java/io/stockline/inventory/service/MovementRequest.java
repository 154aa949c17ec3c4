package io.stockline.inventory.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.domain.MovementType;

/** POST /api/v1/movements */
public record MovementRequest(
        @NotNull MovementType type,
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String location,
        @NotNull @Positive @Max(MAX_QUANTITY) Long quantity,
        @Size(max = 500) String reason,
        @Size(max = 200) String reference) {

    /** More units than any one movement could hold; it keeps every balance far from overflowing. */
    public static final long MAX_QUANTITY = 1_000_000_000L;
}
