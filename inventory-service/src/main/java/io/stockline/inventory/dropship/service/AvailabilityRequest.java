package io.stockline.inventory.dropship.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.stockline.inventory.service.MovementRequest;

/** PUT /api/v1/suppliers/{code}/items/{sku}/availability: the units the supplier can ship now, and where that came from. */
@Schema(name = "SupplierAvailabilityRequest")
public record AvailabilityRequest(
        @NotNull @PositiveOrZero @Max(MovementRequest.MAX_QUANTITY) Long quantity,
        @Size(max = 500) String note) {
}
