package io.stockline.inventory.returns.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.rest.Actor;
import io.stockline.inventory.rest.Headers;
import io.stockline.inventory.returns.service.InspectionRequest;
import io.stockline.inventory.returns.service.InspectionService;
import io.stockline.platform.security.Roles;

/** Operators inspect returns, as they post the other movements of the floor. */
@Path("/api/v1/returns/inspections")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Returns", description = "Returned goods inspected out of quality control: restocked or written down as damaged.")
public class InspectionResource {

    /** The balance after the inspection; {@code replayed} when the key had been used for this request already. */
    public record InspectionResponse(String sku, String location, long available, long damaged, long qualityControl,
            long version, boolean replayed) {
    }

    private final InspectionService inspections;
    private final SecurityIdentity identity;

    public InspectionResource(InspectionService inspections, SecurityIdentity identity) {
        this.inspections = inspections;
        this.identity = identity;
    }

    @POST
    @Operation(operationId = "inspectReturn", summary = "Inspect returned units", description = "Of the returned units waiting in quality control, moves `restock` back to available (RESTOCK) and `damaged` to damaged (INSPECTED_DAMAGED) in one step. Needs an `Idempotency-Key`: the same key again answers 200 with the first result and changes nothing.")
    @APIResponse(responseCode = "201", description = "Inspected: the balance after it.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = InspectionResponse.class)))
    @APIResponse(responseCode = "200", description = "The key was used for this request already: the balance after the first inspection, with `replayed`.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = InspectionResponse.class)))
    public Uni<RestResponse<InspectionResponse>> inspect(@RestHeader(Headers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull InspectionRequest request) {
        return inspections.inspect(request, Headers.requireIdempotencyKey(idempotencyKey), Actor.of(identity))
                .map(inspected -> {
                    StockState s = inspected.level().state();
                    return RestResponse.status(inspected.replayed() ? RestResponse.Status.OK : RestResponse.Status.CREATED,
                            new InspectionResponse(request.sku(), request.location(), s.available(), s.damaged(),
                                    s.qualityControl(), inspected.level().version(), inspected.replayed()));
                });
    }
}
