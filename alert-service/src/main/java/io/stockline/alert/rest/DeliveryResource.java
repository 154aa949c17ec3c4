package io.stockline.alert.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Delivery;
import io.stockline.alert.repository.DeliveryRepository;
import io.stockline.alert.service.DeliveryService;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.security.Roles;

@Path("/api/v1/deliveries")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Deliveries", description = "Notifications sent to subscribers, and their retries.")
public class DeliveryResource {

    private final DeliveryService deliveries;

    public DeliveryResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    /** Newest first; status PENDING|DELIVERED|FAILED, subscriptionId and alertId narrow the list. */
    @GET
    @Operation(operationId = "listDeliveries", summary = "List deliveries", description = "Newest first; status PENDING|DELIVERED|FAILED, subscriptionId and alertId narrow the list.")
    public Uni<List<Delivery>> list(@QueryParam("status") String status,
            @QueryParam("subscriptionId") String subscriptionId, @QueryParam("alertId") String alertId,
            // read as text, so a bad one is a 400 naming it; documented as the number it is
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) String limit) {
        return deliveries.list(new DeliveryRepository.Filter(QueryParams.oneOf("status", status, Delivery.Status.class),
                Params.uuid("subscriptionId", subscriptionId), Params.uuid("alertId", alertId), Params.limit(limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDelivery", summary = "Get a delivery", description = "One delivery with its status, attempts and last error; 404 when there is none with that id.")
    public Uni<Delivery> delivery(@RestPath String id) {
        return deliveries.find(Params.id(id));
    }

    /** Sends an undelivered (pending or failed) delivery again now; operators and admins. */
    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "retryDelivery", summary = "Retry a delivery", description = "Sends an undelivered (pending or failed) delivery again now; operators and admins.")
    public Uni<Delivery> retry(@RestPath String id) {
        return deliveries.retry(Params.id(id));
    }
}
