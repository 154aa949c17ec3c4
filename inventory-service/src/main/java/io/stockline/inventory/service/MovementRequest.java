package io.stockline.inventory.service;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.MovementType;

/**
 * POST /api/v1/movements. {@code quantity} is the units moved; for COUNT_CORRECTION the number counted,
 * for ADJUSTMENT a signed change. Transfers go from {@code location} to {@code toLocation}. A lot-tracked item's
 * arrivals (RECEIPT, RETURN, TRANSFER_IN) name their {@code lot} and may give its {@code expiresOn}; departures
 * may name the lot they take, otherwise the first to expire goes first. A WRITE_OFF names the {@code state} it takes
 * units from: DAMAGED or QUALITY_CONTROL, never available. ADJUSTMENT and COUNT_CORRECTION name a {@code reasonCode}
 * from a fixed list; {@code reason} is the free note beside it (required with OTHER).
 */
public record MovementRequest(
        @NotNull MovementType type,
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String location,
        @NotNull @Min(-MAX_QUANTITY) @Max(MAX_QUANTITY) Long quantity,
        @Size(max = 64) String toLocation,
        @Size(max = 500) String reason,
        @Size(max = 200) String reference,
        @Size(max = 64) String lot,
        LocalDate expiresOn,
        // Absent from the fingerprint when not given, so keys stored before it existed still match their requests.
        @JsonInclude(JsonInclude.Include.NON_NULL) MovementType.WriteOffState state,
        // Absent from the fingerprint when not given, like the state.
        @JsonInclude(JsonInclude.Include.NON_NULL) AdjustmentReason reasonCode) {

    /** Without a reason code: every type but ADJUSTMENT and COUNT_CORRECTION. */
    public MovementRequest(MovementType type, String sku, String location, Long quantity, String toLocation,
            String reason, String reference, String lot, LocalDate expiresOn, MovementType.WriteOffState state) {
        this(type, sku, location, quantity, toLocation, reason, reference, lot, expiresOn, state, null);
    }

    /** Without the state a write-off takes from: every type but WRITE_OFF. */
    public MovementRequest(MovementType type, String sku, String location, Long quantity, String toLocation,
            String reason, String reference, String lot, LocalDate expiresOn) {
        this(type, sku, location, quantity, toLocation, reason, reference, lot, expiresOn, null, null);
    }

    /** A correction by hand (ADJUSTMENT, COUNT_CORRECTION) with its reason code and note. */
    public static MovementRequest correction(MovementType type, String sku, String location, long quantity,
            AdjustmentReason reasonCode, String note, String reference) {
        return new MovementRequest(type, sku, location, quantity, null, note, reference, null, null, null, reasonCode);
    }

    /** Without the lot and its expiry: an item that is not lot-tracked. */
    public MovementRequest(MovementType type, String sku, String location, Long quantity, String toLocation,
            String reason, String reference) {
        this(type, sku, location, quantity, toLocation, reason, reference, null, null, null, null);
    }

    /** More units than any one movement could hold; it keeps every balance far from overflowing. */
    public static final long MAX_QUANTITY = 1_000_000_000L;
}
