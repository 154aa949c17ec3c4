package io.stockline.inventory.transfers.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.service.MovementRequest;

/** POST /api/v1/transfers: a draft moving the lines from {@code from} to {@code to}. */
public record TransferRequest(
        @NotBlank @Size(max = 64) String from,
        @NotBlank @Size(max = 64) String to,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines) {

    @Schema(name = "TransferLine")
    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Positive @Max(MovementRequest.MAX_QUANTITY) Long quantity) {
    }
}
