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
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.stockline.platform.security.Roles;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.problem.RuleViolationMapper;
import io.stockline.platform.problem.RuleViolations;
import io.stockline.platform.sql.TransientConflictMapper;
import io.stockline.platform.sql.TransientConflicts;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Reservation;
import io.stockline.inventory.service.ReservationIntake;
import io.stockline.inventory.service.ReservationRequest;
import io.stockline.inventory.service.ReservationService;

@Path("/api/v1/reservations")
@RolesAllowed({ Roles.OPERATOR, Roles.ALLOCATOR })
@Tag(name = "Reservations", description = "Stock held for an order until it is committed or released.")
public class ReservationResource {

    public record ReservationResponse(UUID id, String orderId, String status, OffsetDateTime expiresAt,
            List<Reservation.Line> lines) {

        static ReservationResponse of(Reservation r) {
            return new ReservationResponse(r.id(), r.orderId(), r.status().name(), r.expiresAt(), r.lines());
        }
    }

    private final ReservationService reservations;
    private final ReservationIntake intake;
    private final SecurityIdentity identity;

    public ReservationResource(ReservationService reservations, ReservationIntake intake, SecurityIdentity identity) {
        this.reservations = reservations;
        this.intake = intake;
        this.identity = identity;
    }

    /**
     * 201 with the held lines, or 409 problem naming the line that could not be held (nothing held then). A deadlock
     * with a concurrent change is run again from the start, a few times, then answered 503 (nothing held).
     */
    @POST
    @Operation(operationId = "reserve", summary = "Reserve stock", description = "201 with the held lines, or 409 problem naming the line that could not be held (nothing held then). The reservation belongs to the caller (the subject of its token): only it, or an admin, releases or commits it. allocation-service calls with tokens it signs itself, trusted here for the `allocator` role alone (reserve, release and commit its own reservations, read stock). The Idempotency-Key is the caller's own: the same key again with the same body returns the first reservation and holds nothing more; with a different body it is a 422 problem naming the header. A collision with concurrent changes that persists after a few retries is a 503 problem (nothing held; try again).")
    @APIResponse(responseCode = "201", description = "Every line held.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReservationResponse.class)))
    @APIResponse(responseCode = "503", description = "It kept colliding with concurrent changes (a deadlock) after a few retries; nothing changed: try again.")
    public Uni<RestResponse<ReservationResponse>> reserve(
            @RestHeader(Headers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull ReservationRequest request) {
        String key = Headers.requireIdempotencyKey(idempotencyKey);
        String actor = Actor.of(identity);
        return intake.reserve(request, key, actor)
                .map(outcome -> RestResponse.status(RestResponse.Status.CREATED,
                        ReservationResponse.of(outcome.reservation())));
    }

    /**
     * Many reservations in one call (allocation's plans): each held all-or-nothing on its own, answered in the order
     * sent, as POST /api/v1/reservations answers it (200 for a replay).
     */
    @POST
    @Path("/batch")
    @Operation(operationId = "reserveBatch", summary = "Reserve stock for many orders", description = "Up to 500 reservations, each with the fields of POST /api/v1/reservations and its own `idempotencyKey` (the caller's, as that call's header). Each is held all-or-nothing on its own, first come first served; `results` answers them in the order sent: `status` 201 with `reservation`, 200 with the first `reservation` for a key sent again with the same fields, or 404, 409, 422 or 503 with the `problem` POST /api/v1/reservations would have answered (nothing held for that one). A malformed batch is a 400 problem naming the field, as `reservations[3].lines[0].quantity`, and nothing is held.")
    @APIResponse(responseCode = "200", description = "Every reservation's answer, in the order sent.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReservationBatch.Response.class)))
    public Uni<ReservationBatch.Response> reserveBatch(@Valid @NotNull ReservationBatch.Request batch) {
        String actor = Actor.of(identity);
        return intake.reserveEach(batch.reservations().stream().map(ReservationBatch.Entry::keyed).toList(), actor)
                .map(attempts -> new ReservationBatch.Response(attempts.stream().map(ReservationResource::result)
                        .toList()));
    }

    /** An attempt as the single call would have answered it: the same status and problem JSON, through its mappers. */
    private static ReservationBatch.Result result(ReservationIntake.Attempt attempt) {
        if (attempt.failure() == null) {
            return new ReservationBatch.Result(attempt.outcome().replayed() ? 200 : 201,
                    ReservationResponse.of(attempt.outcome().reservation()), null);
        }
        Response answer;
        if (attempt.failure() instanceof RuleViolations violations) {
            answer = new RuleViolations.Mapper().map(violations);
        } else if (attempt.failure() instanceof RuleViolation violation) {
            answer = RuleViolationMapper.toResponse(violation);
        } else if (attempt.failure() instanceof TransientConflicts.Exhausted exhausted) {
            answer = new TransientConflictMapper().map(exhausted);
        } else {
            // a fault of ours, not the request's: the whole call fails, as a single call would (500)
            throw attempt.failure() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(attempt.failure());
        }
        return new ReservationBatch.Result(answer.getStatus(), null, answer.getEntity());
    }

    @POST
    @Path("/{id}/release")
    @Operation(operationId = "releaseReservation", summary = "Release a reservation", description = "Gives the held lines back to available; the reservation ends RELEASED. Only the caller that made it, or an admin, may release it: anyone else gets a 403 problem and nothing changes.")
    @APIResponse(responseCode = "503", description = "It kept colliding with concurrent changes (a deadlock) after a few retries; nothing changed: try again.")
    @APIResponse(responseCode = "200", description = "The reservation, RELEASED (as it is when it was released already).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReservationResponse.class)))
    public Uni<ReservationResponse> release(@RestPath UUID id) {
        String actor = Actor.of(identity);
        boolean admin = Actor.isAdmin(identity);
        return TransientConflicts.retried("release", () -> reservations.release(id, actor, admin))
                .map(ReservationResponse::of);
    }

    @POST
    @Path("/{id}/commit")
    @Operation(operationId = "commitReservation", summary = "Commit a reservation", description = "The order ships: the held lines become committed; the reservation ends COMMITTED. Only the caller that made it, or an admin, may commit it: anyone else gets a 403 problem and nothing changes.")
    @APIResponse(responseCode = "503", description = "It kept colliding with concurrent changes (a deadlock) after a few retries; nothing changed: try again.")
    @APIResponse(responseCode = "200", description = "The reservation, COMMITTED (as it is when it was committed already).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReservationResponse.class)))
    public Uni<ReservationResponse> commit(@RestPath UUID id) {
        String actor = Actor.of(identity);
        boolean admin = Actor.isAdmin(identity);
        return TransientConflicts.retried("commit", () -> reservations.commit(id, actor, admin))
                .map(ReservationResponse::of);
    }
}
