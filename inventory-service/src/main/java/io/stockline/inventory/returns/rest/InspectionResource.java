package io.stockline.inventory.returns.rest;

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
