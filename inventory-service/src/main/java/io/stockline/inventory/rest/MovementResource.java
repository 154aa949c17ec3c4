package io.stockline.inventory.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockline.inventory.repository.LotRepository;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stockline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.service.MovementRequest;
import io.stockline.inventory.service.MovementIntake;

@Path("/api/v1/movements")
@Tag(name = "Movements", description = "Receipts, shipments, transfers and adjustments: every change to stock.")
public class MovementResource {

    /**
     * A ledger entry: who ({@code actor}), when ({@code createdAt}), why ({@code reasonCode} and the note
     * {@code reason}); {@code lots} (ledger reads only) names the lots a lot-tracked item's change of on hand moved.
     */
    public record MovementResponse(long id, String type, String sku, String location, long quantity, String reason,
            String reference, String actor, long resultingVersion, OffsetDateTime createdAt, String reasonCode,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<LotRepository.MovedLot> lots) {

        static MovementResponse of(Movement m) {
            return of(m, null);
        }

        static MovementResponse of(Movement m, List<LotRepository.MovedLot> lots) {
            return new MovementResponse(m.id(), m.type().name(), m.sku(), m.location(), m.quantity(), m.reason(),
                    m.reference(), m.actor(), m.resultingVersion(), m.createdAt(),
                    m.reasonCode() == null ? null : m.reasonCode().name(), lots);
        }
    }

    private final MovementIntake movements;
    private final SecurityIdentity identity;

    public MovementResource(MovementIntake movements, SecurityIdentity identity) {
        this.movements = movements;
        this.identity = identity;
    }

    /** Records a movement; the same Idempotency-Key again returns the first movement and changes nothing. */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "postMovement", summary = "Post a movement (receipt, adjustment, ...)", description = "Records a movement; the same Idempotency-Key again (from the same caller: keys are scoped per caller) returns the first movement and changes nothing; with a different body it is a 422 problem naming the header.")
    @APIResponse(responseCode = "201", description = "The movement, as first recorded for this Idempotency-Key.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementResponse.class)))
    @APIResponse(responseCode = "503", description = "It kept colliding with concurrent changes (a deadlock) after a few retries; nothing changed: try again.")
    public Uni<RestResponse<MovementResponse>> post(
            @RestHeader(Headers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull MovementRequest request) {
        if (request.type().correctsByHand() && !identity.hasRole(Roles.ADMIN)) {
            throw new ForbiddenException(request.type() + " is for admins");
        }
        String key = Headers.requireIdempotencyKey(idempotencyKey);
        String actor = Actor.of(identity);
        return movements.post(request, key, actor)
                .map(posted -> RestResponse.status(RestResponse.Status.CREATED, MovementResponse.of(posted.movement())));
    }
}
