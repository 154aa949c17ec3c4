package io.stockline.inventory.service;

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
        @NotNull @Positive Long quantity,
        @Size(max = 500) String reason,
        @Size(max = 200) String reference) {
}
