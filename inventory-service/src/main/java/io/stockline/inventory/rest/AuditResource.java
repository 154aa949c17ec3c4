package io.stockline.inventory.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.stockline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.rest.MovementResource.MovementResponse;
import io.stockline.inventory.service.AuditService;

@Path("/api/v1")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Audit", description = "The ledger of movements and the check that stock agrees with it.")
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    /** Recomputes every balance from the ledger: {consistent, checked, differences[]}. */
    @GET
    @Path("/audit")
    @Operation(operationId = "auditStock", summary = "Audit stock against the ledger", description = "Recomputes every balance from the ledger: {consistent, checked, differences[]}.")
    public Uni<AuditService.Audit> audit() {
        return audit.audit();
    }

    /** A SKU's ledger, oldest first; page with {@code after} = the last id seen. */
    @GET
    @Path("/ledger")
    @Operation(operationId = "ledger", summary = "Read an item's ledger", description = "A SKU's ledger, oldest first; page with `after` = the last id seen.")
    public Uni<List<MovementResponse>> ledger(@QueryParam("sku") @NotBlank String sku,
            @QueryParam("location") String location,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return audit.ledger(sku, location, after, limit)
                .map(entries -> entries.stream().map(e -> MovementResponse.of(e.movement(), e.lots())).toList());
    }
}
