package io.stockline.inventory.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** POST /api/v1/reservations: hold every line, or none. A line without a location goes where it fits best. */
public record ReservationRequest(
        @NotBlank @Size(max = 100) String orderId,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines,
        OffsetDateTime expiresAt) {

    @Schema(name = "ReservationLine")
    public record Line(
            @NotNull @PositiveOrZero Integer line,
            @NotBlank @Size(max = 64) String sku,
            @Size(max = 64) String location,
            @NotNull @Positive @Max(MovementRequest.MAX_QUANTITY) Long quantity) {
    }
}
