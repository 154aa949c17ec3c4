package io.stockline.inventory.dropship.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.SupplierOrderRequest;
import io.stockline.inventory.dropship.domain.SupplierOrderRequestView;
import io.stockline.inventory.dropship.service.DropshipService;
import io.stockline.platform.security.Roles;
import io.stockline.platform.problem.QueryParams;

/** What reservations of dropship items ask suppliers to ship; viewers read them. */
@Path("/api/v1/supplier-order-requests")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Dropship")
public class SupplierOrderRequestResource {

    private final DropshipService dropship;

    public SupplierOrderRequestResource(DropshipService dropship) {
        this.dropship = dropship;
    }

    @GET
    @Operation(operationId = "listSupplierOrderRequests", summary = "List supplier order requests",
            description = "Viewer. The requests reservations of DROPSHIP items made, oldest first: REQUESTED while the"
                    + " reservation is active, CONFIRMED once committed, CANCELLED once released or expired. Filter by"
                    + " `status`, `supplier`, `orderId`; page with `after` = the last id seen.")
    @APIResponse(responseCode = "200", description = "The requests.")
    @APIResponse(responseCode = "400", description = "A bad filter, named in the problem.")
    public Uni<List<SupplierOrderRequestView>> list(
            @RestQuery @Parameter(schema = @Schema(enumeration = { "REQUESTED", "CONFIRMED", "CANCELLED" })) String status,
            @RestQuery String supplier, @RestQuery String orderId,
            @RestQuery @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String after,
            @RestQuery @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000")) String limit) {
        return dropship.requests(QueryParams.oneOf("status", status, SupplierOrderRequest.Status.class), supplier, orderId,
                QueryParams.wholeLong("after", after, 0, 0, Long.MAX_VALUE), QueryParams.limit(limit, 100, 1000));
    }
}
