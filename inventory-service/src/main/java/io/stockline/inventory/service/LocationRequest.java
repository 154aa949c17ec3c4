package io.stockline.inventory.service;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
        Boolean fulfilsOrders,
        @Size(max = 250) List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String> countries) {

    /** PATCH /api/v1/locations/{code}: the fields given change, the others stay. */
    public record Change(
            @Size(min = 1, max = 300) String name,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude,
            Integer priority,
            Boolean fulfilsOrders,
            @Size(max = 250) List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String> countries) {
    }
}
