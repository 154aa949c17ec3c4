package io.stockline.inventory.holds.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.service.MovementRequest;

/** PUT .../hold and .../safety-stock: the quantity to hold (0 releases it all) and why. */
public record TargetRequest(
        @NotNull @PositiveOrZero @Max(MovementRequest.MAX_QUANTITY) Long quantity,
        @Size(max = 500) String note) {
}
