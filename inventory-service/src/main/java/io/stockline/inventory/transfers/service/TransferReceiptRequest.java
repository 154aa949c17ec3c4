package io.stockline.inventory.transfers.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.service.MovementRequest;

/** POST /api/v1/transfers/{number}/receipts: what arrived at the destination (a lot-tracked item names its lot). */
public record TransferReceiptRequest(@NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines) {

    @Schema(name = "TransferReceiptLine")
    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Positive @Max(MovementRequest.MAX_QUANTITY) Long quantity,
            @Size(max = 64) String lot,
            LocalDate expiresOn) {
    }
}
