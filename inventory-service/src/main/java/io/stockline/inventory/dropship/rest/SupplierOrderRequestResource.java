package io.stockline.inventory.dropship.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.SupplierOrderRequest;
import io.stockline.inventory.dropship.domain.SupplierOrderRequestView;
import io.stockline.inventory.dropship.service.DropshipService;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

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
            @RestQuery @Parameter(schema = @Schema(minimum = "0")) Long after,
            @RestQuery @Parameter(schema = @Schema(minimum = "1", maximum = "1000")) Integer limit) {
        // Checked here rather than by @Min/@Max, so the problem names the parameter.
        if (after != null && after < 0) {
            throw RuleViolation.invalidQuery("after", "must be 0 or more");
        }
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw RuleViolation.invalidQuery("limit", "must be between 1 and 1000");
        }
        return dropship.requests(status(status), supplier, orderId, after == null ? 0 : after,
                limit == null ? 100 : limit);
    }

    /** An unknown status is a 400 naming it (an enum query parameter would answer 404). */
    private static SupplierOrderRequest.Status status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return SupplierOrderRequest.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalidQuery("status", "one of " + Arrays.toString(SupplierOrderRequest.Status.values()));
        }
    }
}
