package io.stockline.inventory.planning.service;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** POST /api/v1/planning/promotions: a promotion window of a SKU, at one location or (without one) everywhere. */
public record PromotionRequest(
        @NotBlank @Size(max = 64) String sku,
        @Size(max = 64) String location,
        @NotNull LocalDate startsOn,
        @NotNull LocalDate endsOn,
        @Size(max = 500) String note) {
}
