package io.stockline.inventory.rest;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockline.inventory.rest.ReservationResource.ReservationResponse;
import io.stockline.inventory.service.ReservationIntake;
import io.stockline.inventory.service.ReservationRequest;

/** The request and answer of POST /api/v1/reservations/batch. */
public final class ReservationBatch {

    static final int MAX_RESERVATIONS = 500;

    private ReservationBatch() {
    }

    @Schema(name = "ReservationBatchRequest")
    public record Request(@NotNull @NotEmpty @Size(max = MAX_RESERVATIONS) List<@Valid @NotNull Entry> reservations) {
    }

    /** One reservation: the fields of POST /api/v1/reservations, and the Idempotency-Key that call takes as a header. */
    @Schema(name = "ReservationBatchEntry")
    public record Entry(
            @Schema(description = "The caller's key for this reservation, as the Idempotency-Key header of POST /api/v1/reservations: the same key again with the same fields answers the first reservation (200), with other fields a 422 problem.")
            @NotBlank @Size(max = 200) String idempotencyKey,
            @NotBlank @Size(max = 100) String orderId,
            @NotEmpty @Size(max = 500) List<ReservationRequest.@Valid @NotNull Line> lines,
            OffsetDateTime expiresAt) {

        ReservationIntake.Keyed keyed() {
            return new ReservationIntake.Keyed(idempotencyKey, new ReservationRequest(orderId, lines, expiresAt));
        }
    }

    @Schema(name = "ReservationBatchResponse")
    public record Response(List<Result> results) {
    }

    /**
     * One reservation's answer: {@code status} is what POST /api/v1/reservations would have answered (201, 404, 409,
     * 422, 503), but 200 for a replay; {@code reservation} when it holds, {@code problem} (problem JSON) when not.
     */
    @Schema(name = "ReservationBatchResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, ReservationResponse reservation,
            @Schema(description = "The problem JSON POST /api/v1/reservations would have answered.") Object problem) {
    }
}
