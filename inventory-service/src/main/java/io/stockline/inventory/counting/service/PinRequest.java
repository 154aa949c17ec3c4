package io.stockline.inventory.counting.service;

import jakarta.validation.constraints.NotNull;

import io.stockline.inventory.counting.domain.AbcClass;

/** PUT /counting/abc/{sku}: the class an admin pins; a recompute keeps it until it is unpinned. */
public record PinRequest(@NotNull AbcClass abcClass) {
}
