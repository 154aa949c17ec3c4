package io.stockline.inventory.purchasing.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.purchasing.domain.SupplierItemView;
import io.stockline.inventory.purchasing.domain.SupplierView;
import io.stockline.inventory.purchasing.service.SupplierItemRequest;
import io.stockline.inventory.purchasing.service.SupplierRequest;
import io.stockline.inventory.purchasing.service.SupplierService;
import io.stockline.platform.security.Roles;

/** Viewers read suppliers; admins create them and set what they sell us. */
@Path("/api/v1/suppliers")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Suppliers", description = "Who we buy from, on what terms, and what each sells us at which price and lead time.")
public class SupplierResource {

    private final SupplierService suppliers;

    public SupplierResource(SupplierService suppliers) {
        this.suppliers = suppliers;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createSupplier", summary = "Create a supplier", description = "A supplier with its currency, lead time and order terms (minimum order quantity, order multiple, over-receipt); 409 when the code is taken.")
    @APIResponse(responseCode = "201", description = "The supplier as created.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SupplierView.class)))
    public Uni<RestResponse<SupplierView>> create(@Valid @NotNull SupplierRequest request) {
        return suppliers.create(request).map(s -> RestResponse.status(RestResponse.Status.CREATED, s));
    }

    @GET
    @Operation(operationId = "listSuppliers", summary = "List suppliers", description = "Every supplier, by code.")
    public Uni<List<SupplierView>> list() {
        return suppliers.list();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getSupplier", summary = "Get a supplier", description = "One supplier and its terms; 404 when there is none with that code.")
    public Uni<SupplierView> get(@RestPath String code) {
        return suppliers.get(code);
    }

    @PUT
    @Path("/{code}/items/{sku}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setSupplierItem", summary = "Set what a supplier sells us", description = "Creates or replaces the supplier's terms for one SKU: its own SKU, unit cost and pack size.")
    public Uni<SupplierItemView> putItem(@RestPath String code, @RestPath String sku,
            @Valid @NotNull SupplierItemRequest request) {
        return suppliers.putItem(code, sku, request);
    }

    /** What the supplier sells us, each with its lead time measured from receipts (null before the first). */
    @GET
    @Path("/{code}/items")
    @Operation(operationId = "listSupplierItems", summary = "List what a supplier sells us", description = "Every SKU the supplier sells us, each with its lead time measured from receipts (null before the first).")
    public Uni<List<SupplierItemView>> items(@RestPath String code) {
        return suppliers.items(code);
    }

    @GET
    @Path("/{code}/items/{sku}")
    @Operation(operationId = "getSupplierItem", summary = "Get a supplier's terms for a SKU", description = "The supplier's SKU, unit cost, pack size and measured lead time for one SKU; 404 when the supplier does not sell it.")
    public Uni<SupplierItemView> item(@RestPath String code, @RestPath String sku) {
        return suppliers.item(code, sku);
    }
}
