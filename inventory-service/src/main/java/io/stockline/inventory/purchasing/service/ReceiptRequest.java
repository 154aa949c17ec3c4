package io.stockline.inventory.purchasing.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.service.MovementRequest;

/**
 * POST /api/v1/purchase-orders/{number}/receipts. {@code quantity} is every unit that arrived, {@code damaged}
 * how many of them arrived damaged; {@code unitCost} overrides the order line's for valuation.
 */
public record ReceiptRequest(@NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines) {

    @Schema(name = "ReceiptLine")
    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Positive @Max(MovementRequest.MAX_QUANTITY) Long quantity,
            @PositiveOrZero @Max(MovementRequest.MAX_QUANTITY) Long damaged,
            @Size(max = 64) String lot,
            LocalDate expiresOn,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal unitCost) {

        public long damagedUnits() {
            return damaged == null ? 0 : damaged;
        }
    }
}
