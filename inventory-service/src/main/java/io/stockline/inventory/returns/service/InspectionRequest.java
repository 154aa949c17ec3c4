package io.stockline.inventory.returns.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.service.MovementRequest;

/**
 * POST /api/v1/returns/inspections: of the returned units waiting in quality control, {@code restock} go back to
 * available (RESTOCK) and {@code damaged} to damaged (INSPECTED_DAMAGED); at least one unit is inspected.
 */
public record InspectionRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String location,
        @NotNull @PositiveOrZero @Max(MovementRequest.MAX_QUANTITY) Long restock,
        @NotNull @PositiveOrZero @Max(MovementRequest.MAX_QUANTITY) Long damaged,
        @Size(max = 500) String note) {
}
