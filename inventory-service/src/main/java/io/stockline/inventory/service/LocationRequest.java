package io.stockline.inventory.service;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.domain.LocationType;

/** POST /api/v1/locations */
public record LocationRequest(
        @NotBlank @Size(max = 64) String code,
        @NotBlank @Size(max = 300) String name,
        @NotNull LocationType type,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        Integer priority,
        Boolean fulfilsOrders) {
}
