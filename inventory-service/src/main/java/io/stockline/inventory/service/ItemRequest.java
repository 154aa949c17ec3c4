package io.stockline.inventory.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.domain.ItemKind;

/** POST /api/v1/items */
public record ItemRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 300) String name,
        List<@NotBlank @Size(max = 64) String> barcodes,
        ItemKind kind,
        Boolean lotTracked,
        Boolean backorderAllowed,
        @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal unitCost,
        @Size(max = 50) List<@Valid @NotNull Component> components,
        @Size(max = 64) String product,
        @Size(max = 10) Map<@NotBlank @Size(max = 40) String, @NotBlank @Size(max = 100) String> options) {

    /** A bundle's component: {@code quantity} units of {@code sku} in one bundle. */
    public record Component(@NotBlank @Size(max = 64) String sku,
            @NotNull @Positive @Max(MovementRequest.MAX_QUANTITY) Long quantity) {
    }
}
