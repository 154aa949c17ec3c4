package io.stockline.inventory.rest;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.stockline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Reservation;
import io.stockline.inventory.service.ReservationRequest;
import io.stockline.inventory.service.ReservationService;

@Path("/api/v1/reservations")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Reservations", description = "Stock held for an order until it is committed or released.")
public class ReservationResource {

    public record ReservationResponse(UUID id, String orderId, String status, OffsetDateTime expiresAt,
            List<Reservation.Line> lines) {

        static ReservationResponse of(Reservation r) {
            return new ReservationResponse(r.id(), r.orderId(), r.status().name(), r.expiresAt(), r.lines());
        }
    }

    private final ReservationService reservations;
    private final SecurityIdentity identity;

    public ReservationResource(ReservationService reservations, SecurityIdentity identity) {
        this.reservations = reservations;
        this.identity = identity;
    }

    /** 201 with the held lines, or 409 problem naming the line that could not be held (nothing held then). */
    @POST
    @Operation(operationId = "reserve", summary = "Reserve stock", description = "201 with the held lines, or 409 problem naming the line that could not be held (nothing held then).")
    @APIResponse(responseCode = "201", description = "Every line held.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReservationResponse.class)))
    public Uni<RestResponse<ReservationResponse>> reserve(
            @RestHeader(Headers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull ReservationRequest request) {
        return reservations.reserve(request, Headers.requireIdempotencyKey(idempotencyKey), Actor.of(identity))
                .map(outcome -> RestResponse.status(RestResponse.Status.CREATED,
                        ReservationResponse.of(outcome.reservation())));
    }

    @POST
    @Path("/{id}/release")
    @Operation(operationId = "releaseReservation", summary = "Release a reservation", description = "Gives the held lines back to available; the reservation ends RELEASED.")
    public Uni<ReservationResponse> release(@RestPath UUID id) {
        return reservations.release(id, Actor.of(identity)).map(ReservationResponse::of);
    }

    @POST
    @Path("/{id}/commit")
    @Operation(operationId = "commitReservation", summary = "Commit a reservation", description = "The order ships: the held lines become committed; the reservation ends COMMITTED.")
    public Uni<ReservationResponse> commit(@RestPath UUID id) {
        return reservations.commit(id, Actor.of(identity)).map(ReservationResponse::of);
    }
}
