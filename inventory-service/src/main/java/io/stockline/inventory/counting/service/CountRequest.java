package io.stockline.inventory.counting.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import io.stockline.inventory.service.MovementRequest;

/** POST /counting/tasks/{id}/count: the units the counter found on the shelf (never what the system expects). */
public record CountRequest(@NotNull @PositiveOrZero @Max(MovementRequest.MAX_QUANTITY) Long counted) {
}
