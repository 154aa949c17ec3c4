package io.stockline.inventory.purchasing.rest;

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
public class SupplierResource {

    private final SupplierService suppliers;

    public SupplierResource(SupplierService suppliers) {
        this.suppliers = suppliers;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<RestResponse<SupplierView>> create(@Valid @NotNull SupplierRequest request) {
        return suppliers.create(request).map(s -> RestResponse.status(RestResponse.Status.CREATED, s));
    }

    @GET
    public Uni<List<SupplierView>> list() {
        return suppliers.list();
    }

    @GET
    @Path("/{code}")
    public Uni<SupplierView> get(@RestPath String code) {
        return suppliers.get(code);
    }

    @PUT
    @Path("/{code}/items/{sku}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<SupplierItemView> putItem(@RestPath String code, @RestPath String sku,
            @Valid @NotNull SupplierItemRequest request) {
        return suppliers.putItem(code, sku, request);
    }

    /** What the supplier sells us, each with its lead time measured from receipts (null before the first). */
    @GET
    @Path("/{code}/items")
    public Uni<List<SupplierItemView>> items(@RestPath String code) {
        return suppliers.items(code);
    }

    @GET
    @Path("/{code}/items/{sku}")
    public Uni<SupplierItemView> item(@RestPath String code, @RestPath String sku) {
        return suppliers.item(code, sku);
    }
}
